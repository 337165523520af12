"""Finding people by name whichever script is typed: a table of search terms.

Every word of a person's names, organisation and e-mail address is stored as its
search key (forum.translit.search_key: Latin, lower-case ASCII, spelling variants
made alike), so a query typed in Latin or Cyrillic is looked up in an index instead
of scanning every row. terms.py keeps the table current (its listener is connected
by the app factory); queries.py reads it.
"""
