"""
Most central cities and their trajectories
==========================================

The cities with the most distinct partners, and how their rank changed over time. See
:doc:`/methods/centrality`.
"""

import textwrap

import paradiplo_net as pn

G = pn.datasets.load("core")
print(G)

# %%
# The figure function returns the figure and the tables behind it; each table
# carries its caption (with the counts of what was left out) in ``attrs``.

fig, tables = pn.figures.centrality_figure(G, measure="partners", top=15)
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")
