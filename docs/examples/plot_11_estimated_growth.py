"""
Twinning in all towns: links per decade, estimated from the town sample
=======================================================================

The growth figure of ``make demo``: design-weighted estimates, with 95 % confidence
intervals, of the twinning links formed in each decade by all towns of 15,000 inhabitants or
more in 24 countries, from the bundled probability sample of towns (``sample``). Unlike the
counts over the curated landmark links of ``core`` (example 1), these are estimates of what
happened to all towns: the Western European wave of the 1950s-60s, the 1990s peak as Central
and Eastern European towns found partners. See :doc:`/methods/survey`.
"""

import textwrap

import paradiplo_net as pn

towns = pn.datasets.sample_towns()
G = pn.datasets.load("sample")
print(towns["status"].value_counts().to_string())

# %%
# The figure function takes the design (the towns drawn, with their status) and the sample's
# links; its tables hold every estimate with its interval and n.

fig, tables = pn.figures.estimated_growth(towns, G)
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")

# %%
# The estimated links formed per decade, with their 95 % intervals:

tables["decades"].round(3)
