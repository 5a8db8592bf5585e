"""
World map of twinning links
===========================

Every link with known coordinates at both ends, drawn as a great-circle arc and coloured by
the decade it was formed. See :doc:`/methods/contract`.
"""

import textwrap

import paradiplo_net as pn

G = pn.datasets.load("core")
print(G)

# %%
# The figure function returns the figure and the tables behind it; each table
# carries its caption (with the counts of what was left out) in ``attrs``.

fig, tables = pn.figures.world_map(G, color_by="decade")
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")
