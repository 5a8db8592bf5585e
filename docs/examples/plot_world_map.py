"""
World map of twinning links
===========================

Every link with known coordinates at both ends, drawn as a great-circle arc and coloured by
the decade it was formed. See :doc:`/methods/contract`.
"""

import paradiplo_net as pn

G = pn.datasets.load("core")
fig, tables = pn.figures.world_map(G, color_by="decade")
for name, table in tables.items():
    print(f"{name}: {table.attrs.get('caption', '')}")
