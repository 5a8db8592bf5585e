"""
Distance decay against a null model
===================================

How long twinning links are, compared with links re-paired at random (degree-preserving,
seeded). See :doc:`/methods/diffusion`.
"""

import textwrap

import paradiplo_net as pn

G = pn.datasets.load("core")
print(G)

# %%
# The figure function returns the figure and the tables behind it; each table
# carries its caption (with the counts of what was left out) in ``attrs``.

fig, tables = pn.figures.distance_decay(G, runs=200, seed=0)
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")
