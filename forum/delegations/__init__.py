"""Delegations: organisations that send people through a focal point, within a quota.

The blueprint lives in forum/delegations/views.py (registered by create_app): this
package's other modules are imported by registration's pages (the officers' list
filter names its table), so importing the package itself must stay free of views.
"""
