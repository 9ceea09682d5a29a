"""RecoveryDesk: the offline-first desk app for peer-run recovery centres.

This module is the one source of the version and the application's names, used by the
command line, QSettings, the PyInstaller spec and the About box.
"""

__version__ = "0.1.0"
APP_NAME = "RecoveryDesk"
ORG_NAME = "RecoveryDesk"
ORG_DOMAIN = "recoverydesk.org"
