"""Spider modules for councils whose sites need code (`ocm councils add CODE --spider` writes one).

Each module holds one `CouncilSpider` subclass named after its council's register code; the registry
entry names it in `spider`. Most councils need none: see docs/adding-a-council.md.
"""
