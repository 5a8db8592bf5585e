"""
Communities of cities and countries
===================================

A seeded Leiden partition of the city network and of the country network. See
:doc:`/methods/communities`.
"""

import textwrap

import paradiplo_net as pn

G = pn.datasets.load("core")
print(G)

# %%
# The figure function returns the figure and the tables behind it; each table
# carries its caption (with the counts of what was left out) in ``attrs``.

fig, tables = pn.figures.communities_figure(G, method="leiden", seed=0)
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")
