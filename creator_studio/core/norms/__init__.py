"""core/norms"""
