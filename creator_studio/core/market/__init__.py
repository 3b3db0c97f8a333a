"""core/market"""
