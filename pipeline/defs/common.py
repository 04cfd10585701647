"""Settings shared by every asset definition."""
OWNERS = ["team:defence-deals"]
