"""
Share of towns twinned by each year, by region (the town sample)
================================================================

The adoption curve with a real denominator: the estimated share of all towns (of the
sampling frame) that had formed at least one twinning link by each year, by region, with
95 % intervals. The dotted line is a lower bound that counts the towns whose list could not
be found as never twinned. See :doc:`/methods/survey`.
"""

import textwrap

import paradiplo_net as pn

towns = pn.datasets.sample_towns()
G = pn.datasets.load("sample")
fig, tables = pn.figures.estimated_adoption(towns, G)
for name, table in tables.items():
    print(textwrap.fill(f"{name}: {table.attrs.get('caption', '')}", width=88), end="\n\n")
