-- parameters: org, period_end
WITH "_tree" AS (
  SELECT
    "c"."descendant" AS "code",
    COALESCE("u"."ancestor", "c"."descendant") AS "unit",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  LEFT JOIN "fk_org__org_unit" AS "u"
    ON "u"."descendant" = "c"."descendant" AND "u"."ancestor_level" = 4
  WHERE
    "c"."ancestor" = :org
)
SELECT
  "u"."code" AS "_unit",
  "u"."level" AS "_level",
  COALESCE("agg_person"."a1", CAST(0 AS DECIMAL(38, 10))) AS "population",
  COALESCE("agg_person"."a2", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_60_69.male",
  COALESCE("agg_person"."a3", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_60_69.female",
  COALESCE("agg_person"."a4", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_60_69.alone",
  COALESCE("agg_person"."a5", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_70_79.male",
  COALESCE("agg_person"."a6", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_70_79.female",
  COALESCE("agg_person"."a7", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_70_79.alone",
  COALESCE("agg_person"."a8", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_80_89.male",
  COALESCE("agg_person"."a9", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_80_89.female",
  COALESCE("agg_person"."a10", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_80_89.alone",
  COALESCE("agg_person"."a11", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_90_99.male",
  COALESCE("agg_person"."a12", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_90_99.female",
  COALESCE("agg_person"."a13", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_90_99.alone",
  COALESCE("agg_person"."a14", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_100.male",
  COALESCE("agg_person"."a15", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_100.female",
  COALESCE("agg_person"."a16", CAST(0 AS DECIMAL(38, 10))) AS "elderly.age_100.alone"
FROM "_tree" AS "u"
LEFT JOIN (
  SELECT
    CAST(COUNT(*) AS DECIMAL(38, 10)) AS "a1",
    CAST(COUNT(CASE WHEN (
      "t"."sex" = 'M'
    ) AND (
      "t"."_h1" BETWEEN 60 AND 69
    ) THEN 1 END) AS DECIMAL(38, 10)) AS "a2",
    CAST(COUNT(CASE WHEN (
      "t"."sex" = 'F'
    ) AND (
      "t"."_h1" BETWEEN 60 AND 69
    ) THEN 1 END) AS DECIMAL(38, 10)) AS "a3",
    CAST(COUNT(
      CASE
        WHEN (
          "t"."lives_alone" = TRUE
        ) AND (
          "t"."_h1" BETWEEN 60 AND 69
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "a4",
    CAST(COUNT(CASE WHEN (
      "t"."sex" = 'M'
    ) AND (
      "t"."_h1" BETWEEN 70 AND 79
    ) THEN 1 END) AS DECIMAL(38, 10)) AS "a5",
    CAST(COUNT(CASE WHEN (
      "t"."sex" = 'F'
    ) AND (
      "t"."_h1" BETWEEN 70 AND 79
    ) THEN 1 END) AS DECIMAL(38, 10)) AS "a6",
    CAST(COUNT(
      CASE
        WHEN (
          "t"."lives_alone" = TRUE
        ) AND (
          "t"."_h1" BETWEEN 70 AND 79
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "a7",
    CAST(COUNT(CASE WHEN (
      "t"."sex" = 'M'
    ) AND (
      "t"."_h1" BETWEEN 80 AND 89
    ) THEN 1 END) AS DECIMAL(38, 10)) AS "a8",
    CAST(COUNT(CASE WHEN (
      "t"."sex" = 'F'
    ) AND (
      "t"."_h1" BETWEEN 80 AND 89
    ) THEN 1 END) AS DECIMAL(38, 10)) AS "a9",
    CAST(COUNT(
      CASE
        WHEN (
          "t"."lives_alone" = TRUE
        ) AND (
          "t"."_h1" BETWEEN 80 AND 89
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "a10",
    CAST(COUNT(CASE WHEN (
      "t"."sex" = 'M'
    ) AND (
      "t"."_h1" BETWEEN 90 AND 99
    ) THEN 1 END) AS DECIMAL(38, 10)) AS "a11",
    CAST(COUNT(CASE WHEN (
      "t"."sex" = 'F'
    ) AND (
      "t"."_h1" BETWEEN 90 AND 99
    ) THEN 1 END) AS DECIMAL(38, 10)) AS "a12",
    CAST(COUNT(
      CASE
        WHEN (
          "t"."lives_alone" = TRUE
        ) AND (
          "t"."_h1" BETWEEN 90 AND 99
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "a13",
    CAST(COUNT(
      CASE WHEN (
        "t"."sex" = 'M'
      ) AND (
        "t"."_h1" BETWEEN 100 AND 200
      ) THEN 1 END
    ) AS DECIMAL(38, 10)) AS "a14",
    CAST(COUNT(
      CASE WHEN (
        "t"."sex" = 'F'
      ) AND (
        "t"."_h1" BETWEEN 100 AND 200
      ) THEN 1 END
    ) AS DECIMAL(38, 10)) AS "a15",
    CAST(COUNT(
      CASE
        WHEN (
          "t"."lives_alone" = TRUE
        ) AND (
          "t"."_h1" BETWEEN 100 AND 200
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "a16",
    "t"."_unit" AS "_unit"
  FROM (
    SELECT
      "t".*,
      CAST(EXTRACT(YEAR FROM CAST(:period_end AS DATE)) AS INTEGER) - CAST(EXTRACT(YEAR FROM "t"."birth_date") AS INTEGER) - CASE
        WHEN (
          CAST(EXTRACT(MONTH FROM CAST(:period_end AS DATE)) AS INTEGER) * 100 + CAST(EXTRACT(DAY FROM CAST(:period_end AS DATE)) AS INTEGER)
        ) < (
          CAST(EXTRACT(MONTH FROM "t"."birth_date") AS INTEGER) * 100 + CAST(EXTRACT(DAY FROM "t"."birth_date") AS INTEGER)
        )
        THEN 1
        ELSE 0
      END AS "_h1",
      "_tree"."unit" AS "_unit"
    FROM "person" AS "t"
    JOIN "_tree"
      ON "t"."community_code" = "_tree"."code"
  ) AS "t"
  GROUP BY
    "t"."_unit"
) AS "agg_person"
  ON "agg_person"."_unit" = "u"."code"
WHERE
  "u"."level" = 4 OR "u"."code" = :org
ORDER BY
  "u"."code"
