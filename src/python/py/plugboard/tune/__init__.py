"""Tuning needs Ray Tune and Optuna: run `plugboard process tune` with Python Plugboard."""

from plugboard._unavailable import unavailable

Tuner = unavailable(__name__, "Tuner", "tuning needs Ray Tune; run the YAML's tune section with Python Plugboard")

__all__ = ["Tuner"]
