"""
Communities of cities and countries
===================================

A seeded Leiden partition of the city network and of the country network. See
:doc:`/methods/communities`.
"""

import paradiplo_net as pn

G = pn.datasets.load("core")
fig, tables = pn.figures.communities_figure(G, method="leiden", seed=0)
for name, table in tables.items():
    print(f"{name}: {table.attrs.get('caption', '')}")
