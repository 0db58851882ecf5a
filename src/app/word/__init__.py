"""Word documents of the secretariat (issue 21): .docx templates filled with docxtpl.

Same layer as :mod:`app.excel`: it takes the plain DTOs of :mod:`app.services.documents`,
never a session or a widget. :mod:`app.word.templates` finds the template in use (the data
folder's copy wins over the shipped one), :mod:`app.word.contexts` turns a DTO into the values
the template reads, :mod:`app.word.render` fills and saves it atomically, and :mod:`app.word.pdf`
converts the result with LibreOffice when it is installed.
"""
