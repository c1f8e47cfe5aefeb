"""Fictional compliance reports: three hand-written samples and seeded distractors.

Content only; drawing is ``ingest.pdfwrite``'s job and text rendering ``ingest.text_reader``'s.

- ``sample_reports()``: three reports written by hand with distinct, checkable facts (the
  evaluation questions are written from them).
- ``generate_reports(n, seed)``: same-domain distractors assembled from shared pools of DIPRES
  vocabulary, so that many reports look alike to a retriever. Deterministic for a seed, and
  ``generate_reports(n, s)`` is a prefix of ``generate_reports(n + k, s)``.

Every text is one line with single spaces, encodable in cp1252, and free of the labels the
parser splits on (``Calificación:``, ``Observación:`` ...), so a report survives
render -> parse unchanged.

    python -m ingest.samples OUTDIR [--generate N] [--seed S] [--format pdf|txt]
"""
from __future__ import annotations

import argparse
import calendar
import os
import random
import re
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from .fields import fold
from .records import STATUSES, Commitment, Report

# ====================================================================== hand-written samples


def _iso(dmy: str) -> str:
    """``28-06-2013`` -> ``2013-06-28`` (the reports print dd-mm-yyyy; records keep ISO)."""
    day, month, year = dmy.split("-")
    return f"{year}-{month}-{day}"


def _row(rec: int, rec_text: str, comp: int, comp_text: str, due: str, text: str, status: str,
         date: str, *, obs: str = "", verification: tuple[str, ...] = ()) -> Commitment:
    return Commitment(
        recommendation=rec, commitment=comp, recommendation_text=rec_text,
        commitment_text=comp_text, due=due, compliance_text=text, observation=obs,
        status=status, status_date=_iso(date), verification=verification,
    )


def _encadenamientos() -> Report:
    rec1 = ("Elaborar una matriz de marco lógico que defina con precisión el propósito del programa, sus "
            "componentes y los indicadores que permitan medir su desempeño, con metas anuales y fuentes de "
            "información verificables.")
    rec2 = ("Establecer criterios explícitos de focalización y selección de los grupos asociativos, "
            "considerando el tamaño de las empresas, su localización y el potencial de mercado del negocio "
            "conjunto.")
    rec3 = ("Evaluar la pertinencia de mantener el componente de giras tecnológicas internacionales, dado su "
            "alto costo por beneficiario y la ausencia de resultados medibles en las ventas de las empresas "
            "participantes.")
    rows = (
        _row(1, rec1, 1,
             "Elaborar la matriz de marco lógico del programa, revisada y concordada con DIPRES, que incluya "
             "indicadores de propósito y de componentes con sus fórmulas de cálculo y fuentes de información.",
             "Junio 2013",
             "La matriz de marco lógico fue revisada con el Departamento de Evaluación de DIPRES en tres "
             "reuniones de trabajo realizadas entre marzo y mayo de 2013. La versión concordada define como "
             "propósito que grupos de al menos cinco micro y pequeñas empresas de una misma región aumenten "
             "sus ventas conjuntas, y ordena la oferta del programa en tres componentes: articulación de grupos "
             "asociativos, asistencia técnica para planes de negocio conjuntos y cofinanciamiento de "
             "inversiones colectivas. La matriz incluye nueve indicadores, tres de propósito y seis de "
             "componentes, cada uno con su fórmula de cálculo, su meta anual y su fuente de información.",
             "Cumplido", "28-06-2013",
             verification=("Matriz de marco lógico 2013", "Acta de reunión con DIPRES del 14 de mayo de 2013")),
        _row(1, rec1, 2,
             "Cuantificar los indicadores de la matriz de marco lógico para los años 2012 y 2013 a partir del "
             "sistema de seguimiento del programa.",
             "Diciembre 2013",
             "Se cuantificaron siete de los nueve indicadores de la matriz para los años 2012 y 2013 con datos "
             "del sistema de seguimiento del programa. Entre ellos, el porcentaje de grupos asociativos que "
             "mantienen su plan de negocio conjunto al segundo año alcanzó un 71% en 2013, y el costo promedio "
             "por empresa atendida fue de M$ 1.850. Los dos indicadores de propósito referidos a la variación "
             "de las ventas conjuntas no pudieron calcularse, porque el 38% de las empresas participantes no "
             "entregó sus declaraciones mensuales de IVA (formulario 29) del período de medición.",
             "Parcialmente cumplido", "31-12-2014",
             obs="Los indicadores de ventas conjuntas se seguirán en el proceso regular de formulación "
                 "presupuestaria.",
             verification=("Reporte de indicadores 2012-2013 del sistema de seguimiento",)),
        _row(2, rec2, 1,
             "Elaborar y aplicar un manual de procedimientos que establezca los requisitos de postulación, la "
             "pauta de evaluación de proyectos y los criterios de priorización regional.",
             "Diciembre 2013",
             "Durante el año 2013 la Gerencia de Programas elaboró el Manual de Procedimientos del Programa de "
             "Encadenamientos Productivos Regionales, que fue aprobado mediante la Resolución Exenta N° 1.482 del 22 "
             "de octubre de 2013 y aplicado por primera vez en la convocatoria 2014. El manual regula las "
             "cuatro etapas del ciclo del programa: difusión y postulación, evaluación y selección, ejecución "
             "del plan de negocio conjunto y cierre. En cuanto a los requisitos de postulación, establece que "
             "cada grupo asociativo debe estar integrado por un mínimo de cinco y un máximo de quince empresas, "
             "todas con iniciación de actividades ante el Servicio de Impuestos Internos y con ventas anuales "
             "que no superen las 25.000 UF; además, al menos el 60% de las empresas del grupo debe tener "
             "domicilio en la región donde postula. La pauta de evaluación de proyectos asigna puntaje a cuatro "
             "criterios con las siguientes ponderaciones: potencial de mercado del negocio conjunto (35%), "
             "compromiso de aporte propio de las empresas (25%), experiencia asociativa previa del grupo (20%) "
             "y localización en comunas calificadas como rezagadas por la Subsecretaría de Desarrollo Regional "
             "(20%). Solo pasan a la etapa de selección los proyectos que obtienen al menos 60 puntos sobre "
             "100. La selección final la realiza un comité regional de asignación, integrado por el director "
             "regional del Servicio, un representante del Gobierno Regional y un profesional de la Gerencia de "
             "Programas, que sesiona dos veces al año en cada una de las 15 direcciones regionales. Los "
             "criterios de priorización regional permiten a cada comité reservar hasta un 30% de los cupos "
             "para sectores definidos como estratégicos en la estrategia regional de desarrollo, como el "
             "turismo de intereses especiales en Aysén o la pesca artesanal en Los Lagos. En la convocatoria "
             "2014 se recibieron 412 postulaciones, de las cuales 268 superaron el puntaje mínimo y 196 fueron "
             "seleccionadas; el 42% de los grupos seleccionados se ubica en comunas rezagadas, frente al 19% "
             "observado en 2011, el año anterior a la evaluación. El manual fija además un plazo máximo de 45 "
             "días hábiles para evaluar cada postulación y de 20 días hábiles para firmar el convenio con el "
             "grupo seleccionado.",
             "Cumplido", "30-06-2014",
             verification=("Manual de procedimientos del programa", "Resolución Exenta N° 1.482 de 2013",
                           "Pauta de evaluación de proyectos 2014",
                           "Acta del comité regional de asignación de Aysén")),
        _row(2, rec2, 2,
             "Cuantificar la población potencial, la población objetivo y la población beneficiaria del "
             "programa para el año 2014, desagregadas por región y por sexo del titular de la empresa.",
             "Diciembre 2014",
             "El programa informó una población beneficiaria de 1.240 empresas agrupadas en 196 grupos "
             "asociativos durante 2014, desagregada por región, de las cuales el 34% tiene a una mujer como "
             "titular. Sin embargo, no se cuantificaron la población potencial ni la población objetivo, porque "
             "el estudio de caracterización de micro y pequeñas empresas con potencial asociativo fue licitado "
             "dos veces durante 2014 y ambas licitaciones fueron declaradas desiertas por falta de oferentes que "
             "cumplieran los requisitos técnicos.",
             "No cumplido", "30-06-2015",
             obs="Sin la cuantificación de la población potencial y objetivo no es posible calcular la cobertura "
                 "del programa.",
             verification=("Base de datos de beneficiarios 2014",)),
        _row(3, rec3, 1,
             "Realizar un estudio complementario de costo-efectividad del componente de giras tecnológicas "
             "internacionales y presentar sus conclusiones a DIPRES.",
             "Diciembre 2014",
             "El estudio no se realizó. En la formulación del presupuesto 2015 el Servicio decidió eliminar el "
             "componente de giras tecnológicas internacionales, cuyo costo promedio era de $ 4,2 millones por "
             "empresa participante, y reasignó sus recursos, M$ 412.000, al componente de asistencia técnica "
             "para planes de negocio conjuntos. Al no existir el componente, el estudio de costo-efectividad "
             "perdió su objeto.",
             "Cancelado", "31-12-2015",
             obs="Se acuerda con DIPRES cancelar el compromiso por la eliminación del componente en la Ley de "
                 "Presupuestos 2015.",
             verification=("Oficio Ord. N° 2.317 del Servicio de Cooperación Técnica a DIPRES",)),
    )
    return Report(
        source="informe_egreso_encadenamientos_productivos_regionales.pdf", sha256="",
        program="Programa de Encadenamientos Productivos Regionales",
        ministry="MINISTERIO DE ECONOMÍA, FOMENTO Y TURISMO", service="SERVICIO DE COOPERACIÓN TÉCNICA",
        year=2012, status="Egresado", exit_date="2015-12-31", pages=0, commitments=rows,
    )


def _alfabetizacion() -> Report:
    rec1 = ("Rediseñar el sistema de seguimiento del programa para que registre, por establecimiento, el uso "
            "efectivo del equipamiento entregado y la participación de los docentes en las capacitaciones.")
    rec2 = ("Incorporar una línea base y una evaluación de impacto que permitan medir el efecto del programa "
            "en las competencias digitales de los estudiantes.")
    rec3 = ("Definir criterios de focalización que prioricen a los establecimientos con alta concentración de "
            "alumnos prioritarios y baja dotación tecnológica.")
    rows = (
        _row(1, rec1, 1,
             "Implementar una plataforma informática de seguimiento que registre el uso semanal de los "
             "laboratorios móviles y la asistencia de los docentes a los talleres de formación.",
             "Diciembre 2015",
             "En marzo de 2015 entró en operación la plataforma de seguimiento del programa, desarrollada por "
             "la Unidad de Tecnologías para el Aprendizaje con recursos propios. Los establecimientos registran "
             "cada semana las horas de uso de los laboratorios móviles por curso y asignatura, y los relatores "
             "registran la asistencia de los docentes a cada taller. Al 31 de diciembre de 2015 la plataforma "
             "contaba con información de 2.318 establecimientos, el 94% de los participantes del programa.",
             "Cumplido", "31-12-2015",
             verification=("Manual de usuario de la plataforma de seguimiento",
                           "Reporte de uso de laboratorios móviles 2015")),
        _row(1, rec1, 2,
             "Presentar un reporte anual de resultados de la plataforma de seguimiento con indicadores de uso "
             "por región y por dependencia administrativa.",
             "Junio 2016",
             "Se presentó el reporte anual 2015. En promedio, los laboratorios móviles se usaron 6,3 horas "
             "semanales por establecimiento; el uso fue mayor en los establecimientos municipales (7,1 horas) "
             "que en los particulares subvencionados (5,2 horas), y la región con menor uso fue Aysén, con 3,8 "
             "horas semanales. El 81% de los docentes inscritos asistió al menos al 75% de los talleres de "
             "formación.",
             "Cumplido", "30-06-2016",
             verification=("Reporte anual de resultados 2015 de la plataforma de seguimiento",)),
        _row(2, rec2, 1,
             "Levantar la línea base de competencias digitales de estudiantes de 4° y 8° básico en una muestra "
             "de establecimientos participantes y no participantes.",
             "Diciembre 2015",
             "En noviembre de 2015 se aplicó la prueba de competencias digitales a 6.420 estudiantes de 8° "
             "básico de 212 establecimientos: 106 participantes del programa y 106 de un grupo de comparación "
             "con características similares de matrícula y vulnerabilidad. La medición en 4° básico no se "
             "realizó, porque el instrumento diseñado para ese nivel no superó la etapa de validación en la "
             "aplicación piloto de agosto de 2015.",
             "Parcialmente cumplido", "31-12-2016",
             obs="Queda pendiente la línea base de 4° básico, que la institución compromete para el segundo "
                 "semestre de 2017.",
             verification=("Informe de resultados de la línea base 2015",
                           "Ficha técnica de la prueba de competencias digitales")),
        _row(2, rec2, 2,
             "Licitar y adjudicar una evaluación de impacto del programa con diseño cuasiexperimental, usando "
             "como grupo de comparación los establecimientos de la línea base.",
             "Diciembre 2016",
             "La evaluación de impacto no se licitó. El programa fue discontinuado por reasignación "
             "presupuestaria en la Ley de Presupuestos 2017: sus recursos se traspasaron al Plan Nacional de "
             "Lenguajes Digitales y los 2.318 establecimientos participantes pasaron a ser atendidos por ese "
             "plan, que cuenta con su propio diseño de evaluación. Sin un programa vigente no corresponde "
             "evaluar su impacto.",
             "Cancelado", "31-12-2017",
             verification=("Oficio Ord. N° 458 de la Subsecretaría de Educación",
                           "Ley de Presupuestos 2017, Partida 09")),
        _row(3, rec3, 1,
             "Incorporar en las bases de postulación 2016 un índice de priorización construido a partir del "
             "Índice de Vulnerabilidad Escolar (IVE) y de la razón de alumnos por computador.",
             "Marzo 2016",
             "Las bases de postulación 2016, aprobadas por la Resolución Exenta N° 3.105 de diciembre de 2015, "
             "incorporan un índice de priorización que pondera en un 60% el Índice de Vulnerabilidad Escolar "
             "del establecimiento y en un 40% la razón de alumnos por computador informada en el censo de "
             "informática educativa. Los establecimientos con un índice superior a 0,7 tienen selección "
             "preferente.",
             "Cumplido", "31-03-2016",
             verification=("Bases de postulación 2016", "Resolución Exenta N° 3.105 de 2015")),
        _row(3, rec3, 2,
             "Informar el porcentaje de establecimientos seleccionados en 2016 que pertenece a los dos quintiles "
             "de mayor vulnerabilidad, con su desagregación regional.",
             "Diciembre 2016",
             "La institución informó que el 61% de los establecimientos seleccionados en 2016 pertenece a los "
             "dos quintiles de mayor vulnerabilidad, pero no entregó la base de datos de respaldo ni la "
             "desagregación regional solicitada, por lo que la cifra no pudo ser validada.",
             "No cumplido", "30-06-2017",
             obs="DIPRES volvió a solicitar la información de respaldo en marzo de 2017 sin obtener respuesta."),
    )
    return Report(
        source="informe_egreso_alfabetizacion_digital_escolar.pdf", sha256="",
        program="Programa de Alfabetización Digital Escolar",
        ministry="MINISTERIO DE EDUCACIÓN", service="SUBSECRETARÍA DE EDUCACIÓN",
        year=2014, status="Egresado", exit_date="2017-12-31", pages=0, commitments=rows,
    )


def _atencion_rural() -> Report:
    rec1 = ("Cuantificar la población potencial y la población objetivo del programa, identificando las "
            "localidades rurales que no cuentan con un establecimiento de atención primaria a menos de 30 "
            "minutos de traslado.")
    rec2 = ("Establecer convenios de desempeño con los Servicios de Salud que vinculen la transferencia de "
            "recursos al cumplimiento de metas de rondas médicas en las localidades priorizadas.")
    rec3 = ("Medir la resolutividad de las rondas médicas y la satisfacción de los usuarios de las localidades "
            "rurales atendidas.")
    rows = (
        _row(1, rec1, 1,
             "Elaborar un catastro georreferenciado de las localidades rurales y de las postas de salud rural, "
             "con el tiempo de traslado de cada localidad al establecimiento de atención primaria más cercano.",
             "Diciembre 2017",
             "El catastro fue elaborado entre marzo y noviembre de 2017 por el Departamento de Estadísticas e "
             "Información de Salud (DEIS) en conjunto con la División de Atención Primaria, a partir del "
             "registro de establecimientos de salud, la cartografía de localidades del Instituto Nacional de "
             "Estadísticas y los resultados preliminares del Censo 2017. El catastro identifica 1.163 postas de "
             "salud rural y 4.870 localidades rurales en las 15 regiones del país. Para cada localidad se "
             "estimó el tiempo de traslado al establecimiento de atención primaria más cercano por la red vial "
             "existente, considerando el medio de transporte habitual de la zona, incluidas las lanchas en el "
             "caso de las localidades insulares de Los Lagos y Aysén. Con este método se determinó que 612 "
             "localidades, con una población de 318.400 personas, se encuentran a más de 30 minutos de "
             "traslado de un establecimiento, lo que corresponde a la población potencial del programa. La "
             "población objetivo se definió como la población de las localidades que, además de superar los 30 "
             "minutos de traslado, no reciben rondas médicas con una frecuencia al menos mensual; esta "
             "población alcanza a 94.500 personas, distribuidas en 212 localidades de nueve regiones, con la "
             "mayor concentración en La Araucanía (21%), Los Lagos (18%) y el Biobío (14%). El catastro "
             "registra también, para cada posta, el personal con que cuenta, los días de atención, la "
             "disponibilidad de conexión a internet y de vehículo para el traslado de pacientes, y muestra que "
             "287 postas no tienen conexión a internet, lo que limita el uso del registro clínico electrónico. "
             "La base de datos quedó disponible para los 29 Servicios de Salud en el sistema de información "
             "geográfica del Ministerio y será actualizada cada dos años por el DEIS. La metodología, los "
             "supuestos usados para estimar los tiempos de traslado y el detalle de las localidades por comuna "
             "se encuentran en el informe técnico del catastro, que fue presentado a DIPRES en la reunión de "
             "seguimiento de diciembre de 2017.",
             "Cumplido", "29-12-2017",
             verification=("Informe técnico del catastro de localidades rurales 2017",
                           "Base de datos georreferenciada de postas de salud rural")),
        _row(1, rec1, 2,
             "Incorporar la población potencial y la población objetivo cuantificadas en la ficha de "
             "formulación presupuestaria del programa para el año 2019.",
             "Junio 2018",
             "La ficha de formulación presupuestaria 2019, presentada en junio de 2018, registra una población "
             "potencial de 318.400 personas y una población objetivo de 94.500 personas, de acuerdo con el "
             "catastro de localidades rurales, y una meta de cobertura de 60.000 personas para 2019.",
             "Cumplido", "29-06-2018",
             verification=("Ficha de formulación presupuestaria 2019",)),
        _row(2, rec2, 1,
             "Diseñar un modelo de convenio de desempeño con metas anuales de rondas médicas y de cobertura del "
             "examen de medicina preventiva, y suscribirlo con los Servicios de Salud que ejecutan el programa.",
             "Diciembre 2017",
             "La División de Atención Primaria diseñó el modelo de convenio de desempeño, que fija para cada "
             "Servicio de Salud una meta anual de rondas médicas por localidad priorizada y una meta de "
             "cobertura del examen de medicina preventiva del adulto. Al 30 de junio de 2018 el convenio había "
             "sido suscrito por 17 de los 29 Servicios de Salud; en los 12 restantes la firma quedó pendiente "
             "por la renegociación de las metas de las localidades insulares y cordilleranas.",
             "Parcialmente cumplido", "30-06-2018",
             obs="Queda pendiente la suscripción de los convenios con 12 Servicios de Salud.",
             verification=("Modelo de convenio de desempeño 2018", "Convenios suscritos con 17 Servicios de Salud")),
        _row(2, rec2, 2,
             "Aplicar un descuento de hasta 10% en la segunda cuota de transferencia a los Servicios de Salud "
             "que no alcancen el 80% de las rondas médicas programadas.",
             "Diciembre 2018",
             "La Subsecretaría de Redes Asistenciales resolvió no aplicar descuentos en las transferencias, "
             "porque una menor asignación a los Servicios de Salud con bajo cumplimiento afectaría precisamente "
             "a las localidades más aisladas, donde las rondas se suspenden por razones climáticas y de "
             "conectividad ajenas a la gestión de los equipos. En su reemplazo, los Servicios de Salud que no "
             "alcancen la meta deben presentar un plan de mejora supervisado por la División de Atención "
             "Primaria.",
             "Cancelado", "31-12-2018",
             obs="DIPRES acoge la justificación y el compromiso se da por cancelado.",
             verification=("Oficio Ord. N° 1.876 de la Subsecretaría de Redes Asistenciales",)),
        _row(3, rec3, 1,
             "Diseñar un indicador de resolutividad de las rondas médicas, medido como el porcentaje de "
             "consultas derivadas al nivel secundario, e incorporarlo a la matriz de marco lógico del programa.",
             "Junio 2018",
             "Se diseñó el indicador de resolutividad, definido como el porcentaje de consultas de rondas "
             "médicas derivadas a la atención secundaria en el año, y se incorporó como indicador de propósito "
             "en la matriz de marco lógico 2019. Su primera medición, con datos del registro estadístico "
             "mensual de 2018, arrojó un 11,4% de derivaciones, y la meta para 2019 se fijó en un 10%.",
             "Cumplido", "31-12-2018",
             verification=("Matriz de marco lógico 2019", "Ficha técnica del indicador de resolutividad")),
        _row(3, rec3, 2,
             "Aplicar una encuesta de satisfacción usuaria en una muestra representativa de las localidades "
             "rurales atendidas por el programa.",
             "Diciembre 2018",
             "La encuesta no fue aplicada. La licitación del estudio, publicada en agosto de 2018, fue declarada "
             "desierta porque no se presentaron oferentes, y para 2019 el programa no contó con presupuesto "
             "para un nuevo llamado. La institución no informó una fecha alternativa para su aplicación.",
             "No cumplido", "31-12-2019",
             obs="La medición de la satisfacción usuaria deberá abordarse en la próxima evaluación ex ante del "
                 "programa."),
    )
    return Report(
        source="informe_egreso_atencion_primaria_rural.pdf", sha256="",
        program="Programa de Atención Primaria Rural",
        ministry="MINISTERIO DE SALUD", service="SUBSECRETARÍA DE REDES ASISTENCIALES",
        year=2016, status="Egresado", exit_date="2019-12-31", pages=0, commitments=rows,
    )


def sample_reports() -> list[Report]:
    """The three hand-written fictional reports (sha256 empty, pages 0: set when written and read)."""
    return [_encadenamientos(), _alfabetizacion(), _atencion_rural()]


# ====================================================================== pools for distractors


@dataclass(frozen=True)
class _Service:
    name: str  # title case; printed upper case in the header like the real reports
    article: str  # "el" or "la"


@dataclass(frozen=True)
class _Ministry:
    name: str
    services: tuple[_Service, ...]
    topics: tuple[tuple[str, str], ...]  # (article, noun phrase)


def _svc(*pairs: str) -> tuple[_Service, ...]:
    return tuple(_Service(pairs[i + 1], pairs[i]) for i in range(0, len(pairs), 2))


_MINISTRIES = (
    _Ministry("MINISTERIO DE AGRICULTURA",
              _svc("el", "Instituto de Desarrollo Agropecuario", "el", "Servicio Agrícola y Ganadero",
                   "la", "Comisión Nacional de Riego", "la", "Corporación Nacional Forestal"),
              (("el", "Riego Campesino"), ("la", "Sanidad Vegetal"), ("los", "Suelos Degradados"),
               ("el", "Turismo Rural"), ("los", "Mercados Campesinos"), ("la", "Forestación Campesina"),
               ("la", "Agricultura Familiar Campesina"))),
    _Ministry("MINISTERIO DE ECONOMÍA, FOMENTO Y TURISMO",
              _svc("el", "Servicio de Cooperación Técnica", "la", "Corporación de Fomento de la Producción",
                   "el", "Servicio Nacional de Turismo", "el", "Servicio Nacional de Pesca y Acuicultura"),
              (("el", "Emprendimiento Femenino"), ("la", "Innovación Empresarial"), ("los", "Barrios Comerciales"),
               ("la", "Pesca Artesanal"), ("los", "Proveedores Locales"), ("la", "Calidad Exportadora"),
               ("los", "Destinos Turísticos"))),
    _Ministry("MINISTERIO DE EDUCACIÓN",
              _svc("la", "Subsecretaría de Educación", "la", "Junta Nacional de Auxilio Escolar y Becas",
                   "la", "Junta Nacional de Jardines Infantiles"),
              (("la", "Convivencia Escolar"), ("la", "Educación Técnico Profesional"), ("la", "Lectura Temprana"),
               ("la", "Retención Escolar"), ("la", "Educación de Adultos"), ("la", "Formación Docente"),
               ("la", "Educación Parvularia"))),
    _Ministry("MINISTERIO DE SALUD",
              _svc("la", "Subsecretaría de Salud Pública", "la", "Subsecretaría de Redes Asistenciales",
                   "el", "Fondo Nacional de Salud"),
              (("la", "Salud Mental Comunitaria"), ("la", "Salud Bucal"), ("las", "Enfermedades Respiratorias"),
               ("la", "Rehabilitación Integral"), ("los", "Cuidados Paliativos"), ("la", "Salud Cardiovascular"),
               ("la", "Atención Odontológica"))),
    _Ministry("MINISTERIO DE DESARROLLO SOCIAL",
              _svc("la", "Subsecretaría de Servicios Sociales", "el", "Fondo de Solidaridad e Inversión Social",
                   "el", "Servicio Nacional del Adulto Mayor", "el", "Servicio Nacional de la Discapacidad",
                   "la", "Corporación Nacional de Desarrollo Indígena"),
              (("el", "Adulto Mayor Vulnerable"), ("la", "Habitabilidad Familiar"),
               ("las", "Personas en Situación de Calle"), ("el", "Emprendimiento Indígena"),
               ("la", "Autonomía de Personas con Discapacidad"), ("la", "Infancia Vulnerable"))),
    _Ministry("MINISTERIO DEL TRABAJO Y PREVISIÓN SOCIAL",
              _svc("el", "Servicio Nacional de Capacitación y Empleo", "la", "Subsecretaría del Trabajo",
                   "el", "Instituto de Previsión Social"),
              (("la", "Capacitación en Oficios"), ("la", "Intermediación Laboral"), ("el", "Empleo Juvenil"),
               ("la", "Certificación de Competencias Laborales"), ("la", "Inserción Laboral Femenina"))),
    _Ministry("MINISTERIO DE VIVIENDA Y URBANISMO",
              _svc("la", "Subsecretaría de Vivienda y Urbanismo", "el", "Servicio de Vivienda y Urbanización"),
              (("la", "Recuperación de Barrios"), ("los", "Condominios Sociales"), ("los", "Espacios Públicos"),
               ("la", "Vivienda Rural"), ("el", "Arriendo Protegido"))),
    _Ministry("MINISTERIO DE OBRAS PÚBLICAS",
              _svc("la", "Dirección de Vialidad", "la", "Dirección de Obras Hidráulicas",
                   "la", "Dirección de Arquitectura", "la", "Dirección General de Aguas"),
              (("los", "Caminos Básicos"), ("el", "Agua Potable Rural"), ("la", "Infraestructura Portuaria Menor"),
               ("la", "Defensa Fluvial"), ("el", "Patrimonio Arquitectónico"))),
    _Ministry("MINISTERIO DEL INTERIOR Y SEGURIDAD PÚBLICA",
              _svc("la", "Subsecretaría de Prevención del Delito",
                   "la", "Subsecretaría de Desarrollo Regional y Administrativo",
                   "la", "Oficina Nacional de Emergencia"),
              (("la", "Prevención Situacional del Delito"), ("la", "Gestión del Riesgo de Desastres"),
               ("el", "Mejoramiento Urbano"), ("el", "Fortalecimiento Municipal"),
               ("la", "Prevención del Consumo de Drogas"))),
    _Ministry("MINISTERIO DE JUSTICIA Y DERECHOS HUMANOS",
              _svc("el", "Servicio Nacional de Menores", "la", "Gendarmería de Chile",
                   "la", "Subsecretaría de Justicia"),
              (("la", "Reinserción Social"), ("la", "Mediación Familiar"), ("la", "Intervención Ambulatoria Juvenil"),
               ("el", "Acceso a la Justicia"), ("la", "Libertad Vigilada"))),
    _Ministry("MINISTERIO DE ENERGÍA",
              _svc("la", "Subsecretaría de Energía"),
              (("la", "Eficiencia Energética"), ("la", "Electrificación Rural"), ("la", "Leña Seca"),
               ("las", "Energías Renovables Comunitarias"))),
    _Ministry("MINISTERIO DEL MEDIO AMBIENTE",
              _svc("la", "Subsecretaría del Medio Ambiente", "el", "Servicio de Evaluación Ambiental"),
              (("los", "Humedales Urbanos"), ("el", "Reciclaje Municipal"), ("la", "Calefacción Sustentable"),
               ("la", "Educación Ambiental"))),
    _Ministry("MINISTERIO DE BIENES NACIONALES",
              _svc("la", "Subsecretaría de Bienes Nacionales"),
              (("la", "Regularización de la Pequeña Propiedad Raíz"), ("la", "Gestión Territorial Indígena"),
               ("las", "Rutas Patrimoniales"))),
    _Ministry("MINISTERIO DE TRANSPORTES Y TELECOMUNICACIONES",
              _svc("la", "Subsecretaría de Transportes", "la", "Subsecretaría de Telecomunicaciones"),
              (("el", "Transporte Público Rural"), ("la", "Conectividad Digital"), ("la", "Seguridad Vial Escolar"),
               ("el", "Transporte Regional"))),
    _Ministry("MINISTERIO DE LA MUJER Y LA EQUIDAD DE GÉNERO",
              _svc("el", "Servicio Nacional de la Mujer y la Equidad de Género"),
              (("la", "Autonomía Económica de la Mujer"), ("la", "Prevención de la Violencia contra las Mujeres"),
               ("las", "Mujeres Jefas de Hogar"))),
    _Ministry("MINISTERIO DE LAS CULTURAS, LAS ARTES Y EL PATRIMONIO",
              _svc("la", "Subsecretaría de las Culturas y las Artes", "el", "Servicio Nacional del Patrimonio Cultural"),
              (("el", "Fomento Lector"), ("las", "Orquestas Juveniles"), ("la", "Infraestructura Cultural"),
               ("el", "Patrimonio Inmaterial"))),
    _Ministry("MINISTERIO DEL DEPORTE",
              _svc("el", "Instituto Nacional de Deportes"),
              (("el", "Deporte Escolar"), ("la", "Actividad Física Comunitaria"), ("el", "Deporte Adaptado"))),
)

# (head, preposition or None); None: the topic follows without its article.
_HEADS = (
    ("Programa de Apoyo", "a"), ("Programa de Fortalecimiento", "de"), ("Programa de Fomento", "de"),
    ("Programa de Mejoramiento", "de"), ("Fondo Concursable", "para"), ("Programa Nacional de", None),
    ("Programa de", None), ("Programa Piloto de", None), ("Programa de Desarrollo", "de"),
    ("Programa de Promoción", "de"), ("Programa de Acompañamiento", "a"), ("Subsidio", "para"),
    ("Programa de Gestión", "de"),
)
_SUFFIXES = ("", "", "", " Regional", " en Zonas Extremas", " en Comunas Rezagadas", " en Zonas Rurales",
             " de la Macrozona Sur", " de la Macrozona Norte")

_REGIONS = ("Arica y Parinacota", "Tarapacá", "Antofagasta", "Atacama", "Coquimbo", "Valparaíso", "O'Higgins",
            "Maule", "Biobío", "La Araucanía", "Los Ríos", "Los Lagos", "Aysén", "Magallanes", "Metropolitana")
_UNITS = ("el Departamento de Planificación y Control de Gestión", "la Unidad de Estudios",
          "la División de Presupuesto y Finanzas", "el Departamento de Seguimiento y Monitoreo",
          "la Unidad de Control de Gestión", "la División de Políticas Públicas",
          "el Departamento de Desarrollo Estratégico", "la Unidad de Evaluación de Programas")
_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre")
_DUE_MONTHS = (12, 12, 12, 12, 12, 6, 6, 6, 3, 9, 7, 10, 4)


@dataclass(frozen=True)
class _Theme:
    recs: tuple[str, ...]
    comps: tuple[str, ...]  # at least three: a recommendation takes up to three
    done: tuple[str, ...]  # opening of a fulfilled (or partly fulfilled) commitment
    body: tuple[str, ...]  # more detail on the work done
    partial: tuple[str, ...]  # what is still pending
    verif: tuple[str, ...]


_THEMES = (
    _Theme(  # matriz de marco lógico
        recs=("Elaborar una matriz de marco lógico que explicite el fin, el propósito y los componentes del "
              "programa, con indicadores de desempeño y metas anuales para cada nivel de objetivos.",
              "Revisar el diseño del programa y reformular su propósito de modo que sea único, medible y coherente "
              "con el problema que le da origen."),
        comps=("Elaborar la matriz de marco lógico del programa, revisada y concordada con DIPRES.",
               "Presentar la matriz de marco lógico ajustada, con indicadores de propósito y de componentes y sus "
               "respectivas fórmulas de cálculo.",
               "Incorporar en la matriz de marco lógico los supuestos y las fuentes de información de cada "
               "indicador.",
               "Reformular el propósito del programa en la matriz de marco lógico, diferenciándolo de sus "
               "componentes."),
        done=("La matriz de marco lógico fue revisada y concordada con el Departamento de Evaluación de DIPRES en "
              "{k} reuniones de trabajo realizadas durante {y1}.",
              "Se elaboró una nueva matriz de marco lógico que redefine el propósito del programa y ordena su "
              "oferta en {k} componentes."),
        body=("La matriz incluye {m} indicadores, de los cuales {k} corresponden al nivel de propósito y el resto "
              "a los componentes.",
              "Cada indicador cuenta con su fórmula de cálculo, su meta anual y la fuente de información que lo "
              "respalda.",
              "El fin del programa quedó definido como contribuir al desarrollo {de_topic}, y el propósito se "
              "formuló como un cambio medible en la situación de la población objetivo.",
              "Los supuestos de la matriz fueron validados con las direcciones regionales en talleres realizados "
              "en {month} de {y1}."),
        partial=("La matriz fue enviada a DIPRES, pero aún no se concuerdan las metas de {k} indicadores de "
                 "propósito.",),
        verif=("Matriz de marco lógico {y1}", "Ficha de indicadores del programa",
               "Acta de reunión con DIPRES de {month} de {y1}"),
    ),
    _Theme(  # línea base
        recs=("Construir una línea base que permita medir la situación inicial de los beneficiarios y comparar "
              "los resultados del programa en el tiempo.",),
        comps=("Levantar la línea base de los indicadores de propósito del programa.",
               "Diseñar el instrumento de levantamiento de la línea base y aplicarlo en una muestra representativa "
               "de beneficiarios.",
               "Informar los resultados de la línea base y las metas asociadas para los años siguientes."),
        done=("La línea base se levantó en {month} de {y1} mediante una encuesta aplicada a {m} beneficiarios "
              "de {k} regiones.",
              "Se diseñó y aplicó el instrumento de línea base en una muestra de {big} beneficiarios, con un nivel "
              "de confianza de 95%."),
        body=("Los resultados de la línea base muestran que el {pct}% de los beneficiarios presentaba la "
              "situación que el programa busca modificar al momento de su ingreso.",
              "El diseño muestral fue revisado por el Instituto Nacional de Estadísticas y permite obtener "
              "resultados representativos a nivel regional.",
              "Con la línea base se fijaron metas de propósito para los años {y1} a {y2}."),
        partial=("La línea base no incluye a las regiones de {region} y {region2}, donde el levantamiento quedó "
                 "pendiente.",
                 "Falta la segunda medición que permite comparar los resultados con la línea base."),
        verif=("Informe de resultados de la línea base {y1}", "Base de datos de la línea base",
               "Cuestionario de línea base"),
    ),
    _Theme(  # indicadores
        recs=("Definir indicadores de eficacia, eficiencia, economía y calidad que permitan evaluar el desempeño "
              "del programa en sus distintos niveles.",
              "Medir periódicamente los indicadores de propósito del programa e informar sus resultados en el "
              "proceso de formulación presupuestaria."),
        comps=("Cuantificar los indicadores de la matriz de marco lógico para los años {y} y {y1}.",
               "Incorporar indicadores de calidad y de eficiencia en el formulario de indicadores de desempeño "
               "del programa.",
               "Informar la medición de los indicadores de propósito con su desagregación por sexo y región."),
        done=("Se cuantificaron {k} indicadores de la matriz de marco lógico con información del sistema de "
              "seguimiento del programa.",
              "El programa informó la medición de sus indicadores de desempeño para los años {y} y {y1}."),
        body=("El indicador de propósito alcanzó un {pct}% en {y1}, superior al {pct2}% registrado en el año de "
              "la evaluación.",
              "El costo promedio por beneficiario fue de M$ {small_money}, cifra que incluye los gastos "
              "administrativos del nivel central.",
              "Los indicadores de calidad se miden con una encuesta anual de satisfacción aplicada a una muestra "
              "de usuarios.",
              "Los indicadores fueron incorporados al formulario H de indicadores de desempeño del proyecto de "
              "presupuesto {y2}."),
        partial=("Quedan {k} indicadores sin cuantificar por falta de información de las entidades ejecutoras.",),
        verif=("Reporte de indicadores {y1}", "Formulario H de indicadores de desempeño {y2}",
               "Planilla de cálculo de indicadores"),
    ),
    _Theme(  # sistema de seguimiento
        recs=("Implementar un sistema de seguimiento y monitoreo que registre información de los beneficiarios, "
              "de los servicios entregados y de los resultados obtenidos.",
              "Mejorar los sistemas de información del programa para contar con datos oportunos y confiables "
              "para la gestión."),
        comps=("Diseñar e implementar un sistema informático de seguimiento del programa.",
               "Poner en marcha el módulo de registro de beneficiarios del sistema de seguimiento.",
               "Presentar el primer reporte de gestión generado por el sistema de seguimiento.",
               "Capacitar a los equipos regionales en el uso del sistema de seguimiento."),
        done=("El sistema de seguimiento entró en operación en {month} de {y1} y registra a la fecha {big} "
              "beneficiarios.",
              "Se implementó el sistema informático de seguimiento, desarrollado por {unit} con recursos "
              "propios."),
        body=("El sistema permite registrar, para cada beneficiario, los servicios recibidos, las fechas de "
              "atención y los resultados de las evaluaciones de egreso.",
              "Las entidades ejecutoras ingresan la información mensualmente y el nivel central la valida antes "
              "de generar los reportes de gestión.",
              "El primer reporte de gestión del sistema fue presentado en {month} de {y1} e incluye información "
              "de {k} regiones.",
              "El sistema se integró con el Registro Social de Hogares para verificar la condición de los "
              "postulantes."),
        partial=("El módulo de resultados del sistema aún se encuentra en desarrollo.",
                 "El sistema opera solo en {k} regiones; su extensión al resto del país se realizará en {y2}."),
        verif=("Manual de usuario del sistema de seguimiento", "Reporte de gestión del sistema {y1}",
               "Pantallazos del sistema informático"),
    ),
    _Theme(  # focalización
        recs=("Establecer criterios explícitos de focalización que aseguren que los recursos del programa "
              "lleguen a la población que presenta el problema.",
              "Revisar los mecanismos de selección de beneficiarios, incorporando criterios de vulnerabilidad y de "
              "localización territorial."),
        comps=("Definir criterios de focalización y selección de beneficiarios e incorporarlos en las bases del "
               "programa.",
               "Aplicar los nuevos criterios de focalización en la convocatoria {y1}.",
               "Informar el porcentaje de beneficiarios seleccionados que cumple los criterios de focalización."),
        done=("Los criterios de focalización fueron incorporados en las bases de la convocatoria {y1}, aprobadas "
              "por Resolución Exenta N° {res}.",
              "Se definió un puntaje de focalización que combina la calificación socioeconómica del Registro "
              "Social de Hogares con la localización territorial de los postulantes."),
        body=("En la convocatoria {y1} el {pct}% de los seleccionados pertenece al 40% más vulnerable de la "
              "población según el Registro Social de Hogares.",
              "Los postulantes de comunas rurales o aisladas reciben un puntaje adicional en el proceso de "
              "selección.",
              "Los criterios de focalización se aplican de manera homogénea en todas las regiones, con excepción "
              "de {region}, donde se autorizó un ajuste por la dispersión de la población.",
              "El proceso de selección es realizado por una comisión regional que levanta un acta con el puntaje "
              "de cada postulante."),
        partial=("Los criterios de focalización se aplicaron solo en el componente principal del programa.",),
        verif=("Bases de la convocatoria {y1}", "Resolución Exenta N° {res} de {y1}",
               "Actas de selección de beneficiarios"),
    ),
    _Theme(  # población potencial y objetivo
        recs=("Cuantificar la población potencial y la población objetivo del programa, y definir metas de "
              "cobertura de mediano plazo.",),
        comps=("Cuantificar la población potencial y la población objetivo del programa.",
               "Definir metas de cobertura anuales para el período {y1}-{y2}.",
               "Caracterizar a la población objetivo por sexo, edad y región."),
        done=("La población potencial del programa se cuantificó en {big} personas y la población objetivo en "
              "{big2} personas.",
              "Se cuantificaron la población potencial y la población objetivo a partir de la encuesta CASEN y de "
              "los registros administrativos de {inst}."),
        body=("La cobertura del programa respecto de su población objetivo alcanzó el {pct}% en {y1}.",
              "Las metas de cobertura fueron incorporadas en la ficha de formulación presupuestaria del programa.",
              "La población objetivo se concentra en las regiones de {region} y {region2}, que reúnen más del "
              "{pct3}% del total.",
              "La caracterización muestra que el {pct2}% de la población objetivo son mujeres."),
        partial=("La cuantificación de la población objetivo aún no cuenta con la desagregación regional "
                 "solicitada.",),
        verif=("Minuta de cuantificación de poblaciones", "Ficha de formulación presupuestaria {y2}",
               "Informe de caracterización de la población objetivo"),
    ),
    _Theme(  # evaluación de impacto
        recs=("Realizar una evaluación de impacto que permita medir el efecto del programa en la situación de "
              "sus beneficiarios respecto de un grupo de control.",),
        comps=("Elaborar los términos de referencia de una evaluación de impacto del programa.",
               "Licitar y adjudicar la evaluación de impacto del programa.",
               "Presentar los resultados de la evaluación de impacto y el plan de acción derivado de sus "
               "recomendaciones."),
        done=("Los términos de referencia de la evaluación de impacto fueron concordados con DIPRES en {month} "
              "de {y1}.",
              "La evaluación de impacto fue adjudicada a un centro de estudios universitario mediante licitación "
              "pública por M$ {money2}."),
        body=("La evaluación utiliza un diseño cuasiexperimental con un grupo de comparación construido por "
              "pareamiento de puntaje de propensión.",
              "Los resultados preliminares muestran un efecto positivo y estadísticamente significativo en {k} de "
              "los indicadores de resultado analizados.",
              "El informe final de la evaluación de impacto fue entregado en {month} de {y2}."),
        partial=("La evaluación de impacto se encuentra en ejecución y su informe final se espera para {y2}.",),
        verif=("Términos de referencia de la evaluación de impacto", "Informe final de evaluación de impacto",
               "Contrato de la evaluación de impacto"),
    ),
    _Theme(  # convenio de desempeño
        recs=("Establecer convenios de desempeño con las entidades ejecutoras que vinculen la transferencia de "
              "recursos al logro de metas verificables.",),
        comps=("Diseñar un modelo de convenio de desempeño con metas e indicadores para las entidades "
               "ejecutoras.",
               "Suscribir convenios de desempeño con las entidades ejecutoras del programa.",
               "Informar el cumplimiento de las metas de los convenios de desempeño del año {y1}."),
        done=("Se diseñó el modelo de convenio de desempeño y se suscribió con {m} entidades ejecutoras.",
              "Los convenios de desempeño del año {y1} fueron suscritos con todas las entidades ejecutoras y "
              "aprobados por resolución."),
        body=("El convenio fija metas de cobertura, de calidad y de ejecución presupuestaria, y condiciona la "
              "segunda cuota de la transferencia a su cumplimiento.",
              "El {pct}% de las entidades ejecutoras cumplió las metas del convenio de desempeño en {y1}.",
              "Las entidades que no cumplen sus metas deben presentar un plan de mejora supervisado por la "
              "dirección regional."),
        partial=("Quedan {k} entidades ejecutoras sin convenio de desempeño suscrito.",),
        verif=("Modelo de convenio de desempeño", "Convenios suscritos {y1}", "Informe de cumplimiento de metas"),
    ),
    _Theme(  # estudio complementario
        recs=("Realizar un estudio complementario que analice la pertinencia y el costo de los componentes del "
              "programa.",
              "Analizar la demanda por los servicios del programa mediante un estudio complementario."),
        comps=("Realizar un estudio complementario de costos de los componentes del programa.",
               "Presentar a DIPRES los resultados del estudio complementario y sus conclusiones.",
               "Elaborar un plan de acción a partir de las conclusiones del estudio complementario."),
        done=("El estudio complementario fue realizado por una consultora externa entre {month} de {y1} y el fin "
              "de ese año.",
              "Se entregaron a DIPRES los resultados del estudio complementario en {month} de {y1}."),
        body=("El estudio concluye que el costo unitario de los componentes es similar al de programas "
              "comparables del sector público.",
              "El estudio recomienda concentrar la oferta en {k} componentes y eliminar las líneas de "
              "financiamiento con baja demanda.",
              "Las conclusiones del estudio se incorporaron en la formulación presupuestaria {y2}."),
        partial=("El plan de acción derivado del estudio aún no ha sido aprobado por la autoridad del servicio.",),
        verif=("Informe final del estudio complementario", "Términos de referencia del estudio",
               "Plan de acción {y2}"),
    ),
    _Theme(  # plan de trabajo
        recs=("Elaborar un plan de trabajo que ordene la implementación de las mejoras al programa con plazos y "
              "responsables definidos.",),
        comps=("Presentar un plan de trabajo para la implementación de las recomendaciones de la evaluación.",
               "Informar el avance del plan de trabajo al primer semestre de {y1}.",
               "Informar el cumplimiento final del plan de trabajo."),
        done=("El plan de trabajo fue aprobado por la jefatura del servicio y presentado a DIPRES en {month} de "
              "{y1}.",
              "Se ejecutaron {k} de las actividades previstas en el plan de trabajo dentro de los plazos "
              "comprometidos."),
        body=("El plan de trabajo define actividades, responsables, plazos y productos verificables para cada "
              "recomendación de la evaluación.",
              "El avance del plan de trabajo se revisa trimestralmente en el comité directivo del servicio.",
              "El plan de trabajo considera la participación de las direcciones regionales en la validación de "
              "los productos."),
        partial=("Quedan {k} actividades del plan de trabajo pendientes, reprogramadas para {y2}.",),
        verif=("Plan de trabajo {y1}", "Informe de avance del plan de trabajo", "Acta del comité directivo"),
    ),
    _Theme(  # manual de procedimientos
        recs=("Formalizar los procesos de producción del programa en un manual de procedimientos que asegure "
              "una operación homogénea en todas las regiones.",),
        comps=("Elaborar y aprobar el manual de procedimientos del programa.",
               "Difundir el manual de procedimientos entre los equipos regionales y las entidades ejecutoras.",
               "Actualizar el manual de procedimientos incorporando los flujos de postulación, selección y "
               "egreso."),
        done=("El manual de procedimientos fue aprobado por Resolución Exenta N° {res} de {month} de {y1}.",
              "Se elaboró el manual de procedimientos del programa, que describe {k} procesos y sus respectivos "
              "responsables."),
        body=("El manual describe los procesos de difusión, postulación, selección, ejecución, supervisión y "
              "cierre del programa.",
              "El manual fue difundido mediante {k} jornadas de capacitación dirigidas a los equipos regionales.",
              "El manual incorpora formularios estandarizados para la supervisión en terreno de las entidades "
              "ejecutoras."),
        partial=("El manual se encuentra en trámite de aprobación por la autoridad del servicio.",),
        verif=("Manual de procedimientos del programa", "Resolución Exenta N° {res} de {y1}",
               "Listas de asistencia a capacitaciones"),
    ),
    _Theme(  # costos y gastos administrativos
        recs=("Analizar la estructura de costos del programa y reducir su gasto administrativo, que supera el "
              "promedio de programas similares.",),
        comps=("Elaborar una metodología de cálculo del gasto administrativo del programa.",
               "Informar el gasto administrativo y el costo por beneficiario del programa para el año {y1}.",
               "Presentar una propuesta de reducción del gasto administrativo."),
        done=("Se elaboró la metodología de cálculo del gasto administrativo, concordada con DIPRES en {month} de "
              "{y1}.",
              "El gasto administrativo del programa alcanzó el {pct3}% del gasto total en {y1}."),
        body=("La metodología distingue los gastos de personal, de bienes y servicios de consumo y de "
              "supervisión, y los asigna a cada componente.",
              "El costo por beneficiario fue de M$ {small_money} en {y1}, lo que representa una disminución "
              "respecto del año de la evaluación.",
              "La reducción del gasto administrativo se logró mediante la externalización de la supervisión en "
              "terreno."),
        partial=("El cálculo no incluye aún los gastos administrativos de las direcciones regionales.",),
        verif=("Minuta metodológica de gastos administrativos", "Informe de ejecución presupuestaria {y1}",
               "Planilla de costos por componente"),
    ),
    _Theme(  # criterios de egreso
        recs=("Definir criterios de egreso de los beneficiarios que eviten la permanencia indefinida en el "
              "programa.",),
        comps=("Establecer criterios de egreso de los beneficiarios en el reglamento del programa.",
               "Aplicar los criterios de egreso e informar el número de beneficiarios egresados en {y1}.",
               "Diseñar un protocolo de seguimiento de los beneficiarios egresados."),
        done=("Los criterios de egreso se incorporaron en el reglamento del programa, aprobado por decreto en "
              "{y1}.",
              "Durante {y1} egresaron {m} beneficiarios de acuerdo con los nuevos criterios."),
        body=("Los beneficiarios egresan al cumplir los objetivos de su plan de intervención o al completar un "
              "máximo de {k} años en el programa.",
              "El protocolo de seguimiento considera contactos a los seis y doce meses del egreso.",
              "Los criterios de egreso fueron comunicados a las entidades ejecutoras mediante oficio circular."),
        partial=("Los criterios de egreso aún no se aplican a los beneficiarios que ingresaron antes de {y}.",),
        verif=("Reglamento del programa", "Protocolo de egreso", "Nómina de beneficiarios egresados {y1}"),
    ),
    _Theme(  # coordinación interinstitucional
        recs=("Fortalecer la coordinación con otras instituciones que atienden a la misma población, para evitar "
              "duplicidades y aprovechar complementariedades.",),
        comps=("Suscribir convenios de colaboración con las instituciones que atienden a la misma población "
               "objetivo.",
               "Constituir una mesa técnica intersectorial para la coordinación de la oferta programática.",
               "Elaborar un análisis de complementariedades y duplicidades con otros programas públicos."),
        done=("Se suscribieron convenios de colaboración con {k} instituciones públicas en {y1}.",
              "La mesa técnica intersectorial se constituyó en {month} de {y1} y sesionó {k} veces durante el "
              "año."),
        body=("El análisis de complementariedades identificó {k} programas con población objetivo similar, con "
              "los que se acordó intercambiar información de beneficiarios.",
              "La coordinación permitió derivar {m} beneficiarios a la oferta de otros servicios.",
              "La mesa técnica está integrada por representantes del Ministerio de Desarrollo Social y de los "
              "servicios que ejecutan programas relacionados."),
        partial=("Los convenios con {k} instituciones se encuentran en trámite de firma.",),
        verif=("Convenios de colaboración suscritos", "Actas de la mesa técnica intersectorial",
               "Informe de complementariedades"),
    ),
    _Theme(  # enfoque de género
        recs=("Incorporar el enfoque de género en el diseño y en los sistemas de información del programa.",),
        comps=("Desagregar por sexo la información de beneficiarios del sistema de seguimiento.",
               "Incorporar el enfoque de género en los criterios de selección y en los indicadores del programa.",
               "Elaborar un diagnóstico de brechas de género en el acceso al programa."),
        done=("La información de beneficiarios se desagrega por sexo desde la convocatoria {y1}.",
              "Se elaboró el diagnóstico de brechas de género, que muestra que las mujeres representan el {pct2}% "
              "de los beneficiarios."),
        body=("Se incorporó un indicador de participación femenina en la matriz de marco lógico del programa.",
              "Las bases de postulación otorgan puntaje adicional a los proyectos liderados por mujeres.",
              "El diagnóstico identificó barreras de acceso asociadas a los horarios de atención y al cuidado de "
              "hijos e hijas."),
        partial=("Falta incorporar la desagregación por sexo en los reportes regionales.",),
        verif=("Diagnóstico de brechas de género", "Reporte de beneficiarios por sexo {y1}",
               "Bases de postulación {y1}"),
    ),
    _Theme(  # satisfacción usuaria
        recs=("Medir la satisfacción de los usuarios con los servicios del programa e incorporar sus resultados "
              "en la gestión.",),
        comps=("Aplicar una encuesta de satisfacción a una muestra representativa de usuarios del programa.",
               "Informar los resultados de la encuesta de satisfacción y las medidas adoptadas.",
               "Incorporar un indicador de satisfacción usuaria en la matriz de marco lógico."),
        done=("La encuesta de satisfacción se aplicó en {month} de {y1} a {m} usuarios del programa.",
              "Se informaron los resultados de la encuesta de satisfacción usuaria del año {y1}."),
        body=("El {pct}% de los encuestados se declaró satisfecho o muy satisfecho con los servicios recibidos.",
              "Los aspectos peor evaluados fueron los tiempos de espera y la información entregada al momento de "
              "postular.",
              "A partir de los resultados se simplificó el formulario de postulación y se habilitó la postulación "
              "en línea."),
        partial=("La encuesta no se aplicó en {k} regiones por dificultades en el trabajo de campo.",),
        verif=("Informe de resultados de la encuesta de satisfacción {y1}", "Cuestionario de la encuesta",
               "Base de datos de la encuesta"),
    ),
)

_NEUTRAL = (
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

_NOT_DONE = (
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
_CANCELLED = (
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
_PARTIAL = (
    "El avance informado corresponde a una versión preliminar que aún no ha sido validada por DIPRES.",
    "La institución informó un avance del {pct}% respecto de lo comprometido, y la etapa restante se encuentra en "
    "ejecución.",
    "Falta incorporar la desagregación por sexo y por región de los resultados.",
    "Aún no se dispone de la información del año {y2}, por lo que la medición está incompleta.",
)
_OBSERVATIONS = {
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
_OBSERVATION_RATE = {"Cumplido": 0.15, "Parcialmente cumplido": 0.7, "No cumplido": 0.7, "Cancelado": 0.4}
_VERIFICATION = ("Informe final de evaluación", "Oficio Ord. N° {ord}", "Resolución Exenta N° {res} de {y1}",
                 "Minuta explicativa del compromiso", "Informe de avance {y1}",
                 "Acta de reunión con DIPRES de {month} de {y1}")
# status: (weight, weights of 0..4 verification means)
_STATUS_MIX = {
    "Cumplido": (0.64, (1, 3, 3, 2, 1)),
    "Parcialmente cumplido": (0.15, (2, 3, 2, 1, 0)),
    "No cumplido": (0.10, (5, 3, 1, 0, 0)),
    "Cancelado": (0.11, (3, 3, 1, 0, 0)),
}
_MIN_WORDS, _MAX_WORDS = 40, 400

# ====================================================================== distractor generation


def slug(program: str) -> str:
    """``Programa de Riego Campesino`` -> ``riego_campesino`` (file names)."""
    stop = {"programa", "de", "del", "la", "las", "el", "los", "a", "al", "para", "en", "y", "e", "con"}
    words = [w for w in re.findall(r"[a-z0-9]+", fold(program)) if w not in stop]
    return "_".join(words)[:80].rstrip("_")


def source_name(program: str, suffix: str = ".pdf") -> str:
    return f"informe_egreso_{slug(program)}{suffix}"


def _with_article(prep: str, article: str, noun: str) -> str:
    """``("de", "el", "Riego")`` -> ``del Riego``; ``("a", "la", "Salud")`` -> ``a la Salud``."""
    if article == "el" and prep in ("de", "a"):
        return f"{prep}l {noun}"
    return f"{prep} {article} {noun}"


def _program_name(rng: random.Random, ministry: _Ministry) -> str:
    head, prep = rng.choice(_HEADS)
    article, noun = rng.choice(ministry.topics)
    suffix = rng.choice(_SUFFIXES)
    if _stem_overlap(suffix, noun):  # no "Transporte Rural en Zonas Rurales"
        suffix = ""
    if _stem_overlap(head, noun):  # no "Programa de Gestión de la Gestión ..."
        head, prep = "Programa de", None
    topic = noun if prep is None else _with_article(prep, article, noun)
    return f"{head} {topic}{suffix}"


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", fold(text)) if w != "programa"}


def _stem_overlap(a: str, b: str) -> bool:
    return bool(_stems(a) & _stems(b))


def _de(phrase: str) -> str:
    """``el Departamento`` -> ``del Departamento``; ``la Unidad`` -> ``de la Unidad``."""
    return f"del {phrase[3:]}" if phrase.startswith("el ") else f"de {phrase}"


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _values(rng: random.Random, base: dict[str, str], due_year: int, status_year: int) -> dict[str, str]:
    """Fresh numbers for one commitment's texts, on top of the report's fixed values."""
    region, region2 = rng.sample(_REGIONS, 2)
    unit = rng.choice(_UNITS)
    return {
        **base,
        "y1": str(due_year), "y2": str(status_year),
        "k": str(rng.randint(2, 12)), "m": str(rng.randint(15, 480)),
        "big": _thousands(rng.randint(1_200, 85_000)), "big2": _thousands(rng.randint(900, 40_000)),
        "pct": str(rng.randint(12, 94)), "pct2": str(rng.randint(10, 80)), "pct3": str(rng.randint(6, 38)),
        "pct4": str(rng.randint(71, 99)),
        "money": _thousands(rng.randint(300, 45_000) * 1_000), "money2": _thousands(rng.randint(18, 260) * 1_000),
        "small_money": _thousands(rng.randint(80, 4_500)),
        "res": _thousands(rng.randint(100, 4_999)), "ord": _thousands(rng.randint(12, 3_999)),
        "region": region, "region2": region2, "month": rng.choice(_MONTHS),
        "unit": unit, "de_unit": _de(unit),
    }


def _words(parts: list[str]) -> int:
    return sum(len(p.split()) for p in parts)


def _fill(templates: list[str] | tuple[str, ...], v: dict[str, str]) -> list[str]:
    return [t.format_map(v) for t in templates]


def _compliance(rng: random.Random, theme: _Theme, status: str, v: dict[str, str]) -> str:
    """40-400 words: an opening for the status, detail sentences, and a closing that says why."""
    target = min(_MAX_WORDS, max(_MIN_WORDS, int(rng.lognormvariate(4.7, 0.5))))
    opening: list[str] = []
    closing: list[str] = []
    pool = list(_NEUTRAL)
    if status in ("Cumplido", "Parcialmente cumplido"):
        opening.append(rng.choice(theme.done))
        pool += theme.body
    if status == "Parcialmente cumplido":
        closing.append(rng.choice(theme.partial + _PARTIAL))
    elif status == "No cumplido":
        closing.append(rng.choice(_NOT_DONE))
    elif status == "Cancelado":
        target = min(target, 160)
        opening.append(rng.choice(_CANCELLED))
    rng.shuffle(pool)
    opening, closing, pool = _fill(opening, v), _fill(closing, v), _fill(pool, v)
    body: list[str] = []
    while pool and _words(opening + body + closing) < target:
        body.append(pool.pop())
    while body and _words(opening + body + closing) > _MAX_WORDS:
        body.pop()
    return " ".join(opening + body + closing)


def _verification(rng: random.Random, theme: _Theme, status: str, v: dict[str, str]) -> tuple[str, ...]:
    count = rng.choices(range(5), weights=_STATUS_MIX[status][1])[0]
    items: list[str] = []
    for template in rng.sample(theme.verif + _VERIFICATION, len(theme.verif + _VERIFICATION)):
        item = template.format_map(v)
        if len(items) < count and item not in items:
            items.append(item)
    return tuple(items)


def _status_date(rng: random.Random, status: str, due_year: int, due_month: int) -> str:
    late = 0 if status == "Cumplido" else 1
    if rng.random() < 0.5:
        return f"{due_year + rng.randint(0, late)}-12-31"
    months = due_month - 1 + rng.choice((0, 0, 0, 1, 3, 6)) + 12 * rng.randint(0, late)
    return _last_day(due_year + months // 12, months % 12 + 1)


def _observation(rng: random.Random, status: str, rec: int, comp: int, v: dict[str, str]) -> str:
    if rng.random() >= _OBSERVATION_RATE[status]:
        return ""
    if comp > 1 and rng.random() < 0.25:
        return f"Idem compromiso {rec}.1."
    return rng.choice(_OBSERVATIONS[status]).format_map(v)


def _commitment(rng: random.Random, theme: _Theme, rec: int, rec_text: str, comp: int, comp_template: str,
                base: dict[str, str], year: int) -> Commitment:
    due_year, due_month = year + rng.choice((1, 1, 1, 2)), rng.choice(_DUE_MONTHS)
    status = rng.choices(STATUSES, weights=[_STATUS_MIX[s][0] for s in STATUSES])[0]
    status_date = _status_date(rng, status, due_year, due_month)
    v = _values(rng, base, due_year, int(status_date[:4]))
    return Commitment(
        recommendation=rec, commitment=comp, recommendation_text=rec_text,
        commitment_text=comp_template.format_map(v),
        due=f"{_MONTHS[due_month - 1].capitalize()} {due_year}",
        compliance_text=_compliance(rng, theme, status, v),
        observation=_observation(rng, status, rec, comp, v),
        status=status, status_date=status_date, verification=_verification(rng, theme, status, v),
    )


def _report(rng: random.Random, ministry: _Ministry, program: str) -> Report:
    service = rng.choice(ministry.services)
    article, noun = rng.choice(ministry.topics)
    year = rng.randint(2005, 2020)
    base = {
        "y": str(year), "yb": str(year - 1),
        "inst": f"{service.article} {service.name}", "de_inst": _with_article("de", service.article, service.name),
        "de_topic": _with_article("de", article, noun.lower()),
    }
    remaining = rng.randint(3, 12)
    themes = rng.sample(_THEMES, len(_THEMES))
    rows: list[Commitment] = []
    for rec, theme in enumerate(themes, start=1):
        if remaining == 0:
            break
        size = min(remaining, rng.choice((1, 1, 2, 2, 3)))
        remaining -= size
        rec_text = rng.choice(theme.recs).format_map(base)
        for comp, template in enumerate(rng.sample(theme.comps, size), start=1):
            rows.append(_commitment(rng, theme, rec, rec_text, comp, template, base, year))
    last = max(c.status_date for c in rows if c.status_date)
    exit_date = f"{last[:4]}-12-31" if rng.random() < 0.6 else last
    return Report(
        source=source_name(program), sha256="", program=program, ministry=ministry.name,
        service=service.name.upper(), year=year, status="Egresado", exit_date=exit_date, pages=0,
        commitments=tuple(rows),
    )


def generate_reports(n: int, seed: int = 0) -> list[Report]:
    """``n`` fictional distractor reports, the same for the same seed; program names never repeat
    (nor the samples' names), and neither do file names."""
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(seed)
    names = {r.program for r in sample_reports()}
    slugs = {slug(name) for name in names}
    reports: list[Report] = []
    for _ in range(n):
        ministry = rng.choice(_MINISTRIES)
        for _attempt in range(500):
            program = _program_name(rng, ministry)
            if program not in names and slug(program) not in slugs:
                break
        else:
            raise ValueError(f"no more unique program names for {ministry.name} after {len(reports)} reports")
        names.add(program)
        slugs.add(slug(program))
        reports.append(_report(rng, ministry, program))
    return reports


# ====================================================================== writing files

Renderer = Callable[[Report], bytes]


def render_pdf(report: Report) -> bytes:
    from ingest.pdfwrite import write_report_pdf

    with tempfile.TemporaryDirectory() as tmp:
        path = write_report_pdf(report, Path(tmp) / report.source)
        return Path(path).read_bytes()


def render_txt(report: Report) -> bytes:
    from ingest.text_reader import render_text

    return render_text(report).encode("utf-8")


RENDERERS: dict[str, Renderer] = {"pdf": render_pdf, "txt": render_txt}


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless ``path`` already holds exactly these bytes."""
    if path.is_file() and path.read_bytes() == data:
        return False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # plain open: the umask sets the mode
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def write_reports(reports: list[Report], outdir: Path, *, fmt: str = "pdf",
                  render: Renderer | None = None) -> list[Path]:
    """Write each report as ``OUTDIR/<source stem>.<fmt>``; return the files actually (re)written."""
    render = render or RENDERERS[fmt]
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for report in reports:
        name = f"{Path(report.source).stem}.{fmt}"
        path = outdir / name
        if write_if_changed(path, render(replace(report, source=name))):
            written.append(path)
    return written


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ingest.samples",
                                description="Escribe informes de egreso ficticios (los tres de ejemplo o N generados).")
    p.add_argument("outdir", type=Path, help="carpeta de salida")
    p.add_argument("--generate", type=int, metavar="N", help="escribir N informes generados en vez de los de ejemplo")
    p.add_argument("--seed", type=int, default=0, help="semilla de los informes generados (por defecto 0)")
    p.add_argument("--format", choices=sorted(RENDERERS), default="pdf", help="formato de salida (por defecto pdf)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.generate is not None and args.generate < 1:
        build_parser().error("--generate debe ser un entero positivo")
    reports = sample_reports() if args.generate is None else generate_reports(args.generate, args.seed)
    for path in write_reports(reports, args.outdir, fmt=args.format):
        print(path)
    return 0


__all__ = ["RENDERERS", "generate_reports", "main", "render_pdf", "render_txt", "sample_reports", "slug",
           "source_name", "write_if_changed", "write_reports"]

if __name__ == "__main__":
    sys.exit(main())
