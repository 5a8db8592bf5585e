"""
Distance decay against a null model
===================================

How long twinning links are, compared with links re-paired at random (degree-preserving,
seeded). See :doc:`/methods/diffusion`.
"""

import paradiplo_net as pn

G = pn.datasets.load("core")
fig, tables = pn.figures.distance_decay(G, runs=200, seed=0)
for name, table in tables.items():
    print(f"{name}: {table.attrs.get('caption', '')}")
