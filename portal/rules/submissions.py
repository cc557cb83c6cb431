"""What a submission is: its kinds, the channels it comes by, and where it is in intake."""

from __future__ import annotations

# An application for a service, an appeal of a decision, or an offer to become a støttekontakt.
KINDS = ("application", "appeal", "volunteer")
# Sent in the portal, or registered by the municipality from paper or a phone call.
CHANNELS = ("online", "paper", "phone")
# New until the municipality has taken it in.
INTAKE_STATES = ("new", "received")
