"""
Most central cities and their trajectories
==========================================

The cities with the most distinct partners, and how their rank changed over time. See
:doc:`/methods/centrality`.
"""

import paradiplo_net as pn

G = pn.datasets.load("core")
fig, tables = pn.figures.centrality_figure(G, measure="partners", top=15)
for name, table in tables.items():
    print(f"{name}: {table.attrs.get('caption', '')}")
