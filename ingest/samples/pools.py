"""Shared pools of DIPRES vocabulary for the generated reports: ministries and their services and
topics, program-name parts, places, units, and the phrases of compliance texts by status."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Service:
    name: str  # title case; printed upper case in the header like the real reports
    article: str  # "el" or "la"


@dataclass(frozen=True)
class Ministry:
    name: str
    services: tuple[Service, ...]
    topics: tuple[tuple[str, str], ...]  # (article, noun phrase)


def _svc(*pairs: str) -> tuple[Service, ...]:
    return tuple(Service(pairs[i + 1], pairs[i]) for i in range(0, len(pairs), 2))


MINISTRIES = (
    Ministry("MINISTERIO DE AGRICULTURA",
             _svc("el", "Instituto de Desarrollo Agropecuario", "el", "Servicio Agrícola y Ganadero",
                  "la", "Comisión Nacional de Riego", "la", "Corporación Nacional Forestal"),
             (("el", "Riego Campesino"), ("la", "Sanidad Vegetal"), ("los", "Suelos Degradados"),
              ("el", "Turismo Rural"), ("los", "Mercados Campesinos"), ("la", "Forestación Campesina"),
              ("la", "Agricultura Familiar Campesina"))),
    Ministry("MINISTERIO DE ECONOMÍA, FOMENTO Y TURISMO",
             _svc("el", "Servicio de Cooperación Técnica", "la", "Corporación de Fomento de la Producción",
                  "el", "Servicio Nacional de Turismo", "el", "Servicio Nacional de Pesca y Acuicultura"),
             (("el", "Emprendimiento Femenino"), ("la", "Innovación Empresarial"), ("los", "Barrios Comerciales"),
              ("la", "Pesca Artesanal"), ("los", "Proveedores Locales"), ("la", "Calidad Exportadora"),
              ("los", "Destinos Turísticos"))),
    Ministry("MINISTERIO DE EDUCACIÓN",
             _svc("la", "Subsecretaría de Educación", "la", "Junta Nacional de Auxilio Escolar y Becas",
                  "la", "Junta Nacional de Jardines Infantiles"),
             (("la", "Convivencia Escolar"), ("la", "Educación Técnico Profesional"), ("la", "Lectura Temprana"),
              ("la", "Retención Escolar"), ("la", "Educación de Adultos"), ("la", "Formación Docente"),
              ("la", "Educación Parvularia"))),
    Ministry("MINISTERIO DE SALUD",
             _svc("la", "Subsecretaría de Salud Pública", "la", "Subsecretaría de Redes Asistenciales",
                  "el", "Fondo Nacional de Salud"),
             (("la", "Salud Mental Comunitaria"), ("la", "Salud Bucal"), ("las", "Enfermedades Respiratorias"),
              ("la", "Rehabilitación Integral"), ("los", "Cuidados Paliativos"), ("la", "Salud Cardiovascular"),
              ("la", "Atención Odontológica"))),
    Ministry("MINISTERIO DE DESARROLLO SOCIAL",
             _svc("la", "Subsecretaría de Servicios Sociales", "el", "Fondo de Solidaridad e Inversión Social",
                  "el", "Servicio Nacional del Adulto Mayor", "el", "Servicio Nacional de la Discapacidad",
                  "la", "Corporación Nacional de Desarrollo Indígena"),
             (("el", "Adulto Mayor Vulnerable"), ("la", "Habitabilidad Familiar"),
              ("las", "Personas en Situación de Calle"), ("el", "Emprendimiento Indígena"),
              ("la", "Autonomía de Personas con Discapacidad"), ("la", "Infancia Vulnerable"))),
    Ministry("MINISTERIO DEL TRABAJO Y PREVISIÓN SOCIAL",
             _svc("el", "Servicio Nacional de Capacitación y Empleo", "la", "Subsecretaría del Trabajo",
                  "el", "Instituto de Previsión Social"),
             (("la", "Capacitación en Oficios"), ("la", "Intermediación Laboral"), ("el", "Empleo Juvenil"),
              ("la", "Certificación de Competencias Laborales"), ("la", "Inserción Laboral Femenina"))),
    Ministry("MINISTERIO DE VIVIENDA Y URBANISMO",
             _svc("la", "Subsecretaría de Vivienda y Urbanismo", "el", "Servicio de Vivienda y Urbanización"),
             (("la", "Recuperación de Barrios"), ("los", "Condominios Sociales"), ("los", "Espacios Públicos"),
              ("la", "Vivienda Rural"), ("el", "Arriendo Protegido"))),
    Ministry("MINISTERIO DE OBRAS PÚBLICAS",
             _svc("la", "Dirección de Vialidad", "la", "Dirección de Obras Hidráulicas",
                  "la", "Dirección de Arquitectura", "la", "Dirección General de Aguas"),
             (("los", "Caminos Básicos"), ("el", "Agua Potable Rural"), ("la", "Infraestructura Portuaria Menor"),
              ("la", "Defensa Fluvial"), ("el", "Patrimonio Arquitectónico"))),
    Ministry("MINISTERIO DEL INTERIOR Y SEGURIDAD PÚBLICA",
             _svc("la", "Subsecretaría de Prevención del Delito",
                  "la", "Subsecretaría de Desarrollo Regional y Administrativo",
                  "la", "Oficina Nacional de Emergencia"),
             (("la", "Prevención Situacional del Delito"), ("la", "Gestión del Riesgo de Desastres"),
              ("el", "Mejoramiento Urbano"), ("el", "Fortalecimiento Municipal"),
              ("la", "Prevención del Consumo de Drogas"))),
    Ministry("MINISTERIO DE JUSTICIA Y DERECHOS HUMANOS",
             _svc("el", "Servicio Nacional de Menores", "la", "Gendarmería de Chile",
                  "la", "Subsecretaría de Justicia"),
             (("la", "Reinserción Social"), ("la", "Mediación Familiar"), ("la", "Intervención Ambulatoria Juvenil"),
              ("el", "Acceso a la Justicia"), ("la", "Libertad Vigilada"))),
    Ministry("MINISTERIO DE ENERGÍA",
             _svc("la", "Subsecretaría de Energía"),
             (("la", "Eficiencia Energética"), ("la", "Electrificación Rural"), ("la", "Leña Seca"),
              ("las", "Energías Renovables Comunitarias"))),
    Ministry("MINISTERIO DEL MEDIO AMBIENTE",
             _svc("la", "Subsecretaría del Medio Ambiente", "el", "Servicio de Evaluación Ambiental"),
             (("los", "Humedales Urbanos"), ("el", "Reciclaje Municipal"), ("la", "Calefacción Sustentable"),
              ("la", "Educación Ambiental"))),
    Ministry("MINISTERIO DE BIENES NACIONALES",
             _svc("la", "Subsecretaría de Bienes Nacionales"),
             (("la", "Regularización de la Pequeña Propiedad Raíz"), ("la", "Gestión Territorial Indígena"),
              ("las", "Rutas Patrimoniales"))),
    Ministry("MINISTERIO DE TRANSPORTES Y TELECOMUNICACIONES",
             _svc("la", "Subsecretaría de Transportes", "la", "Subsecretaría de Telecomunicaciones"),
             (("el", "Transporte Público Rural"), ("la", "Conectividad Digital"), ("la", "Seguridad Vial Escolar"),
              ("el", "Transporte Regional"))),
    Ministry("MINISTERIO DE LA MUJER Y LA EQUIDAD DE GÉNERO",
             _svc("el", "Servicio Nacional de la Mujer y la Equidad de Género"),
             (("la", "Autonomía Económica de la Mujer"), ("la", "Prevención de la Violencia contra las Mujeres"),
              ("las", "Mujeres Jefas de Hogar"))),
    Ministry("MINISTERIO DE LAS CULTURAS, LAS ARTES Y EL PATRIMONIO",
             _svc("la", "Subsecretaría de las Culturas y las Artes", "el", "Servicio Nacional del Patrimonio Cultural"),
             (("el", "Fomento Lector"), ("las", "Orquestas Juveniles"), ("la", "Infraestructura Cultural"),
              ("el", "Patrimonio Inmaterial"))),
    Ministry("MINISTERIO DEL DEPORTE",
             _svc("el", "Instituto Nacional de Deportes"),
             (("el", "Deporte Escolar"), ("la", "Actividad Física Comunitaria"), ("el", "Deporte Adaptado"))),
)

# (head, preposition or None); None: the topic follows without its article.
HEADS = (
    ("Programa de Apoyo", "a"), ("Programa de Fortalecimiento", "de"), ("Programa de Fomento", "de"),
    ("Programa de Mejoramiento", "de"), ("Fondo Concursable", "para"), ("Programa Nacional de", None),
    ("Programa de", None), ("Programa Piloto de", None), ("Programa de Desarrollo", "de"),
    ("Programa de Promoción", "de"), ("Programa de Acompañamiento", "a"), ("Subsidio", "para"),
    ("Programa de Gestión", "de"),
)
SUFFIXES = ("", "", "", " Regional", " en Zonas Extremas", " en Comunas Rezagadas", " en Zonas Rurales",
            " de la Macrozona Sur", " de la Macrozona Norte")

REGIONS = ("Arica y Parinacota", "Tarapacá", "Antofagasta", "Atacama", "Coquimbo", "Valparaíso", "O'Higgins",
           "Maule", "Biobío", "La Araucanía", "Los Ríos", "Los Lagos", "Aysén", "Magallanes", "Metropolitana")
UNITS = ("el Departamento de Planificación y Control de Gestión", "la Unidad de Estudios",
         "la División de Presupuesto y Finanzas", "el Departamento de Seguimiento y Monitoreo",
         "la Unidad de Control de Gestión", "la División de Políticas Públicas",
         "el Departamento de Desarrollo Estratégico", "la Unidad de Evaluación de Programas")
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")
DUE_MONTHS = (12, 12, 12, 12, 12, 6, 6, 6, 3, 9, 7, 10, 4)

NEUTRAL = (
    "El compromiso fue abordado por {unit} {de_inst}, en coordinación con el equipo del programa en el nivel "
    "central.",
    "El avance fue informado a DIPRES en el reporte de seguimiento de compromisos de {month} de {y1}.",
    "Las direcciones regionales participaron en la revisión de los instrumentos en jornadas de trabajo realizadas "
    "en {region} y {region2}.",
    "El programa atiende a {big} beneficiarios en {k} regiones y su presupuesto para el año {y1} asciende a M$ "
    "{money}.",
    "La información utilizada proviene del sistema de seguimiento del programa y de los registros administrativos "
    "{de_inst}.",
    "Los resultados fueron presentados al comité directivo del programa en su sesión de {month} de {y1}.",
    "Se consideraron las observaciones formuladas por el panel de expertos en el informe final de evaluación del "
    "año {y}.",
    "El equipo del programa revisó la experiencia de programas similares de otros servicios públicos y de la red "
    "de protección social.",
    "La población objetivo del programa se estima en {big2} personas, de las cuales el programa atiende "
    "aproximadamente al {pct}%.",
    "Para la implementación se contó con el apoyo de una consultoría externa contratada mediante licitación "
    "pública por M$ {money2}.",
    "El gasto administrativo del programa representó el {pct3}% del gasto total en {yb}, cifra dentro del rango "
    "observado en programas similares.",
    "Los antecedentes fueron remitidos al sectorialista de DIPRES junto con el informe de avance del primer "
    "semestre de {y1}.",
    "La coordinación con los gobiernos regionales se formalizó mediante convenios de transferencia que fijan metas "
    "de cobertura y plazos de rendición.",
    "El diagnóstico del programa identificó brechas significativas entre regiones, especialmente en {region}, "
    "donde la cobertura es inferior al promedio nacional.",
    "El panel evaluador había señalado que el programa no contaba con información suficiente para medir el logro "
    "de su propósito.",
    "La institución destaca que el compromiso exigió modificar procesos internos vigentes desde la creación del "
    "programa.",
    "Se realizaron {k} jornadas de capacitación dirigidas a los encargados regionales del programa, con la "
    "asistencia de {m} funcionarios.",
    "El documento fue validado por la jefatura {de_unit} y difundido a los equipos regionales mediante una "
    "circular interna.",
    "El programa se ejecuta a través de {m} entidades ejecutoras seleccionadas por concurso público, que reciben "
    "transferencias según el avance de sus planes de trabajo.",
    "Los datos corresponden al cierre del año presupuestario {yb} y fueron validados por la División de "
    "Administración y Finanzas de la institución.",
    "En el período se registró una alta rotación del equipo a cargo del programa, lo que afectó los plazos "
    "inicialmente previstos.",
    "Los beneficiarios se seleccionan según criterios de vulnerabilidad definidos en el reglamento del programa, "
    "aprobado por decreto supremo.",
    "La institución mantiene un registro único de beneficiarios que permite evitar duplicidades con otros "
    "programas del sector.",
    "La Contraloría General de la República tomó razón de la resolución que aprueba las modificaciones en {month} "
    "de {y1}.",
    "El informe final de la evaluación recomendó fortalecer la gestión del programa y mejorar la calidad de la "
    "información disponible.",
    "Las metas comprometidas se incluyeron en el formulario de indicadores de desempeño del proyecto de "
    "presupuesto {y2}.",
    "La ejecución presupuestaria del programa alcanzó el {pct4}% en {yb}, con una subejecución concentrada en el "
    "componente de transferencias.",
    "El nivel central elaboró orientaciones técnicas para homogeneizar la operación del programa en las distintas "
    "regiones.",
    "Se aplicó una consulta a {m} usuarios del programa, cuyos resultados se incorporaron en el análisis.",
    "Las municipalidades participantes suscribieron convenios de colaboración que establecen las "
    "responsabilidades de cada parte en la ejecución.",
    "Los resultados muestran diferencias relevantes entre hombres y mujeres, por lo que el análisis se presenta "
    "desagregado por sexo.",
    "El comité técnico del programa, integrado por representantes de {k} instituciones, sesionó regularmente "
    "durante {y1}.",
    "Los recursos necesarios fueron financiados con el presupuesto regular del programa, sin requerir recursos "
    "adicionales.",
    "La implementación se inició con un plan piloto en la región de {region} antes de extenderse al resto del "
    "país.",
    "El programa fue objeto de una evaluación de programas gubernamentales en {y}, cuyo informe final dio origen "
    "a los compromisos.",
    "La institución informa que el trabajo se realizó en conjunto con el Ministerio de Desarrollo Social, que "
    "revisó la consistencia del diseño.",
)

NOT_DONE = (
    "La institución no informó avances respecto de este compromiso durante el período de seguimiento.",
    "El compromiso no se cumplió porque la licitación del estudio fue declarada desierta en {month} de {y1} y no "
    "se realizó un nuevo llamado.",
    "No fue posible cumplir el compromiso por falta de recursos en el presupuesto {y1}, según lo informado por la "
    "institución.",
    "La información entregada no permite verificar el cumplimiento del compromiso, ya que no se adjuntaron los "
    "respaldos solicitados.",
    "El atraso en la tramitación de la resolución aprobatoria impidió cumplir el compromiso dentro del plazo.",
    "Los cambios en la jefatura del programa durante {y1} postergaron el trabajo comprometido, sin que se "
    "informara una nueva fecha de término.",
)
CANCELLED = (
    "El compromiso se canceló porque el programa fue discontinuado por reasignación presupuestaria en {y2}.",
    "El programa dejó de recibir asignación en la Ley de Presupuestos {y2} y sus recursos se reasignaron a otros "
    "programas {de_inst}, por lo que el compromiso perdió vigencia.",
    "En {y2} el programa se fusionó con otra iniciativa del servicio en un nuevo programa sometido a evaluación ex "
    "ante, por lo que se acordó con DIPRES cancelar el compromiso.",
    "El componente al que se refiere el compromiso fue eliminado en el rediseño del programa aprobado en {y2}, y "
    "el compromiso perdió su objeto.",
    "La institución y DIPRES acordaron cancelar el compromiso, ya que la recomendación que le dio origen fue "
    "abordada por el rediseño institucional de {y2}.",
    "Con la ley que traspasó el programa a otro servicio en {y2}, el compromiso dejó de ser aplicable a la "
    "institución.",
    "Se canceló el compromiso porque el estudio fue reemplazado por la evaluación de impacto encargada por DIPRES "
    "en {y2}.",
)
PARTIAL = (
    "El avance informado corresponde a una versión preliminar que aún no ha sido validada por DIPRES.",
    "La institución informó un avance del {pct}% respecto de lo comprometido, y la etapa restante se encuentra en "
    "ejecución.",
    "Falta incorporar la desagregación por sexo y por región de los resultados.",
    "Aún no se dispone de la información del año {y2}, por lo que la medición está incompleta.",
)
OBSERVATIONS = {
    "Cumplido": ("Se da por cumplido el compromiso con la información entregada.",
                 "La institución deberá mantener actualizada esta información en el proceso de formulación "
                 "presupuestaria."),
    "Parcialmente cumplido": ("Se solicita completar la información pendiente en el próximo reporte.",
                              "Falta adjuntar los respaldos de la medición regional.",
                              "El compromiso se mantiene en seguimiento hasta completar la etapa pendiente."),
    "No cumplido": ("No se adjuntan documentos que respalden lo informado.",
                    "Se reitera la necesidad de cumplir el compromiso en el proceso presupuestario {y2}.",
                    "La institución no presentó una nueva fecha de cumplimiento."),
    "Cancelado": ("Se acuerda con DIPRES la cancelación del compromiso.",
                  "Compromiso cancelado por discontinuidad del programa.",
                  "Ver el oficio de la institución que informa la reformulación del programa."),
}
OBSERVATION_RATE = {"Cumplido": 0.15, "Parcialmente cumplido": 0.7, "No cumplido": 0.7, "Cancelado": 0.4}
VERIFICATION = ("Informe final de evaluación", "Oficio Ord. N° {ord}", "Resolución Exenta N° {res} de {y1}",
                "Minuta explicativa del compromiso", "Informe de avance {y1}",
                "Acta de reunión con DIPRES de {month} de {y1}")
# status: (weight, weights of 0..4 verification means)
STATUS_MIX = {
    "Cumplido": (0.64, (1, 3, 3, 2, 1)),
    "Parcialmente cumplido": (0.15, (2, 3, 2, 1, 0)),
    "No cumplido": (0.10, (5, 3, 1, 0, 0)),
    "Cancelado": (0.11, (3, 3, 1, 0, 0)),
}
