"""
Partners or neighbours: the contagion figure
============================================

Did twinning spread through partners or through geographic neighbours? A discrete-time
event-history model of each city's first link on both exposures, with a contagion test
against shuffled adoption years. See :doc:`/methods/diffusion` and ``pn.innovation``.
"""

import textwrap

import paradiplo_net as pn

G = pn.datasets.load("core")
print(G)

# %%
# The table behind the figure holds each effect, its 95 % interval, the odds ratio per
# +10 points of exposure and the contagion-test p-value.

fig, tables = pn.figures.contagion(G, seed=0)
print(tables["effects"].round(3).to_string())
print(textwrap.fill(tables["effects"].attrs["caption"], width=88))
