"""
The toy network, by hand
========================

The ten-city ``toy`` dataset used in every docstring example, drawn with networkx on the
undirected collapse (parallel and reciprocal statements summed into ``weight``), next to
the ranking the same graph gives with :func:`paradiplo_net.centrality.rank`. See
:doc:`/methods/contract`.
"""

import matplotlib.pyplot as plt
import networkx as nx

import paradiplo_net as pn

G = pn.datasets.load("toy")
U = pn.model.collapse_undirected(G)  # one tie per pair; parallel statements summed in weight
ranked = pn.centrality.rank(G, "partners")
print(G, U, sep="\n")

# %%
# Draw the collapse (line width = statements per pair) next to the ranking.

fig, (ax_net, ax_bar) = plt.subplots(1, 2, figsize=(10, 4.2), width_ratios=[1.2, 1])
pos = nx.spring_layout(U, seed=1)
widths = [1 + 1.5 * (d.get("weight", 1) - 1) for _, _, d in U.edges(data=True)]
nx.draw_networkx_edges(U, pos, ax=ax_net, width=widths, edge_color="0.6")
nx.draw_networkx_nodes(U, pos, ax=ax_net, node_color="#0072B2", node_size=420)
nx.draw_networkx_labels(U, pos, ax=ax_net, font_color="white", font_size=9)
ax_net.set_title(f"toy: {G.number_of_nodes()} cities, {G.number_of_edges()} statements")
ax_net.axis("off")
pn.plot.plot_centrality_bars(ranked, ax=ax_bar)
fig.tight_layout()

# %%
# The ranking itself, a plain table:

ranked[["city", "name", "value", "rank"]]
