"""The three hand-written fictional reports, with distinct, checkable facts (the evaluation
questions are written from them)."""
from __future__ import annotations

from ..records import Commitment, Report


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
