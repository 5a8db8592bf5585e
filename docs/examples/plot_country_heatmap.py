"""
Country-to-country matrix
=========================

Statements between the countries with the most links: who twins with whom. See
:func:`paradiplo_net.countries.country_matrix`.
"""

import paradiplo_net as pn

G = pn.datasets.load("core")
fig, tables = pn.figures.country_heatmap(G, top=20)
for name, table in tables.items():
    print(f"{name}: {table.attrs.get('caption', '')}")
