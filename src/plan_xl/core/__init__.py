"""The pure core: plan data, findings, checks and budget summaries.

Nothing in here touches files or Excel; everything is a function of data.
"""
