"""
Diffusion out of post-war Western Europe
========================================

Where the cities that adopted twinning after the Western European seed period are, and the
links that reached them. See :doc:`/methods/diffusion`.
"""

import paradiplo_net as pn

G = pn.datasets.load("core")
fig, tables = pn.figures.diffusion_map(G, seed_region="western-europe", since=1945, until=1960)
for name, table in tables.items():
    print(f"{name}: {table.attrs.get('caption', '')}")
