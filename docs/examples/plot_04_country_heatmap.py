"""
Country-to-country matrix
=========================

Statements between the countries with the most links: who twins with whom. See
:func:`paradiplo_net.countries.country_matrix`.
"""

import textwrap

import paradiplo_net as pn

G = pn.datasets.load("core")
print(G)

# %%
# The figure function returns the figure and the tables behind it; each table
# carries its caption (with the counts of what was left out) in ``attrs``.

fig, tables = pn.figures.country_heatmap(G, top=20)
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")
