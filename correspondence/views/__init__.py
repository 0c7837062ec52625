"""Views of the registers: correspondence, complaints, disclosures, reports, board actions."""
