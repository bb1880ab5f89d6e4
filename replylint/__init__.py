"""replylint: lint official replies of government offices to citizens (ru, vi)."""
