"""Procurement mentions: who buys which system from whom, how many, for how much, when.

mentions.py groups each sentence's systems, quantities, money and dates into candidate
acquisitions; cues.py tells an acquisition frame from a bystander mention of a system,
roles.py which country or firm buys and which supplies, and types.py what a generic type
("two frigates") stands for.
"""
