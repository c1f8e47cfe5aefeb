"""Themes of generated commitments: a recommendation, its commitments, and the texts that report
on them (DIPRES evaluation vocabulary)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    recs: tuple[str, ...]
    comps: tuple[str, ...]  # at least three: a recommendation takes up to three
    done: tuple[str, ...]  # opening of a fulfilled (or partly fulfilled) commitment
    body: tuple[str, ...]  # more detail on the work done
    partial: tuple[str, ...]  # what is still pending
    verif: tuple[str, ...]


THEMES = (
    Theme(  # matriz de marco lógico
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
    Theme(  # línea base
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
    Theme(  # indicadores
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
    Theme(  # sistema de seguimiento
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
    Theme(  # focalización
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
    Theme(  # población potencial y objetivo
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
    Theme(  # evaluación de impacto
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
    Theme(  # convenio de desempeño
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
    Theme(  # estudio complementario
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
    Theme(  # plan de trabajo
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
    Theme(  # manual de procedimientos
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
    Theme(  # costos y gastos administrativos
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
    Theme(  # criterios de egreso
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
    Theme(  # coordinación interinstitucional
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
    Theme(  # enfoque de género
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
    Theme(  # satisfacción usuaria
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
