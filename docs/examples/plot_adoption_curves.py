"""
Adoption curves by region
=========================

Cumulative share of adopting cities per world region, with bounded logistic fits. See
:doc:`/methods/diffusion`.
"""

import paradiplo_net as pn

G = pn.datasets.load("core")
fig, tables = pn.figures.adoption_curves(G, seed_region="western-europe", since=1945)
for name, table in tables.items():
    print(f"{name}: {table.attrs.get('caption', '')}")
