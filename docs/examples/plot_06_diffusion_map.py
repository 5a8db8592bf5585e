"""
Diffusion out of post-war Western Europe
========================================

Where the cities that adopted twinning after the Western European seed period are, and the
links that reached them. See :doc:`/methods/diffusion`.
"""

import textwrap

import paradiplo_net as pn

G = pn.datasets.load("core")
print(G)

# %%
# The figure function returns the figure and the tables behind it; each table
# carries its caption (with the counts of what was left out) in ``attrs``.

fig, tables = pn.figures.diffusion_map(G, seed_region="western-europe", since=1945, until=1960)
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")
