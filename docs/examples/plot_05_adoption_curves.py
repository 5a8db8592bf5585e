"""
Adoption curves by region
=========================

Cumulative share of adopting cities per world region, with bounded logistic fits. See
:doc:`/methods/diffusion`. Computed over ``core``, the curated landmark links, each region's
curve counts its cities in the list (it reaches 1 by construction); the share of all towns
twinned is estimated from the town sample in example 12.
"""

import textwrap

import paradiplo_net as pn

G = pn.datasets.load("core")
print(G)

# %%
# The figure function returns the figure and the tables behind it; each table
# carries its caption (with the counts of what was left out) in ``attrs``.

fig, tables = pn.figures.adoption_curves(G, seed_region="western-europe", since=1945)
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")
