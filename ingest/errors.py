"""Why a file could not be ingested. Messages are shown to users as they are (Spanish)."""
import errno


class ReportError(ValueError):
    """The file is not a readable compliance report; nothing is written for it."""


_OS_REASONS = {
    "ENOENT": "el archivo no existe",
    "EACCES": "sin permiso de lectura",
    "EPERM": "sin permiso de lectura",
    "EISDIR": "es una carpeta, no un archivo",
    "ENOTDIR": "la ruta no es una carpeta válida",
    "ENAMETOOLONG": "el nombre del archivo es demasiado largo",
    "ELOOP": "la ruta tiene demasiados enlaces simbólicos",
    "EIO": "error de lectura del disco",
    "ENOSPC": "no queda espacio en el disco",
    "EMFILE": "demasiados archivos abiertos",
}


def os_reason(exc: OSError) -> str:
    """A Spanish reason for an operating-system error, never the system's English text."""
    name = errno.errorcode.get(exc.errno or -1, "")
    return _OS_REASONS.get(name, "error del sistema al leer el archivo")
