-- parameters: org
WITH "_tree" AS (
  SELECT
    "c"."descendant" AS "code",
    COALESCE("u"."ancestor", "c"."descendant") AS "unit",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  LEFT JOIN "fk_org__org_unit" AS "u"
    ON "u"."descendant" = "c"."descendant" AND "u"."ancestor_level" = 3
  WHERE
    "c"."ancestor" = :org
)
SELECT
  "u"."code" AS "_unit",
  "u"."level" AS "_level",
  COALESCE("agg_elderly_facility"."a1", 0) AS "inst_count",
  COALESCE("agg_elderly_facility"."a2", 0) AS "inst_public",
  COALESCE("agg_elderly_facility"."a3", 0) AS "inst_medical",
  "agg_elderly_facility"."a4" AS "beds",
  "agg_elderly_facility"."a5" AS "nursing_beds",
  "agg_elderly_facility"."a6" AS "occupied",
  "agg_elderly_facility"."a7" AS "avg_beds",
  COALESCE("agg_elderly_facility"."a8", 0) AS "daycare_count",
  "agg_elderly_facility"."a9" AS "daycare_capacity",
  COALESCE("agg_elderly_facility"."a10", 0) AS "meal_count",
  "agg_elderly_facility"."a11" AS "meal_capacity",
  COALESCE("agg_elderly_facility"."a12", 0) AS "center_count",
  "agg_elderly_facility"."a13" AS "staff_total",
  "agg_elderly_facility"."a14" AS "nurses",
  "agg_elderly_facility"."a15" AS "certified"
FROM "_tree" AS "u"
LEFT JOIN (
  SELECT
    COUNT(CASE WHEN "t"."_h1" THEN 1 END) AS "a1",
    COUNT(
      CASE
        WHEN "t"."_h1"
        AND (
          "t"."operator_type" COLLATE BINARY IN ('public', 'public_private')
        )
        THEN 1
      END
    ) AS "a2",
    COUNT(CASE WHEN "t"."_h1" AND (
      "t"."medical_integrated" = TRUE
    ) THEN 1 END) AS "a3",
    FORMKIT_SUM(CASE WHEN "t"."_h1" THEN "t"."beds" END) AS "a4",
    FORMKIT_SUM(CASE WHEN "t"."_h1" THEN "t"."nursing_beds" END) AS "a5",
    FORMKIT_SUM(CASE WHEN "t"."_h1" THEN "t"."occupied_beds" END) AS "a6",
    FORMKIT_AVG(CASE WHEN "t"."_h1" THEN "t"."beds" END) AS "a7",
    COUNT(CASE WHEN "t"."_h2" THEN 1 END) AS "a8",
    FORMKIT_SUM(CASE WHEN "t"."_h2" THEN "t"."capacity" END) AS "a9",
    COUNT(CASE WHEN "t"."_h3" THEN 1 END) AS "a10",
    FORMKIT_SUM(CASE WHEN "t"."_h3" THEN "t"."capacity" END) AS "a11",
    COUNT(
      CASE
        WHEN (
          "t"."type" COLLATE BINARY = 'service_center'
        )
        AND (
          "t"."status" COLLATE BINARY = 'operating'
        )
        THEN 1
      END
    ) AS "a12",
    FORMKIT_SUM(CASE WHEN "t"."status" COLLATE BINARY = 'operating' THEN "t"."staff" END) AS "a13",
    FORMKIT_SUM(CASE WHEN "t"."status" COLLATE BINARY = 'operating' THEN "t"."nurses" END) AS "a14",
    FORMKIT_SUM(
      CASE WHEN "t"."status" COLLATE BINARY = 'operating' THEN "t"."certified_nurses" END
    ) AS "a15",
    "t"."_unit" AS "_unit"
  FROM (
    SELECT
      "t".*,
      (
        "t"."type" COLLATE BINARY IN ('nursing_home', 'care_home')
      )
      AND (
        "t"."status" COLLATE BINARY = 'operating'
      ) AS "_h1",
      (
        "t"."type" COLLATE BINARY = 'day_care'
      )
      AND (
        "t"."status" COLLATE BINARY = 'operating'
      ) AS "_h2",
      (
        "t"."type" COLLATE BINARY IN ('canteen', 'meal_point')
      )
      AND (
        "t"."status" COLLATE BINARY = 'operating'
      ) AS "_h3",
      "_tree"."unit" AS "_unit"
    FROM "elderly_facility" AS "t"
    JOIN "_tree"
      ON "t"."community_code" = "_tree"."code"
  ) AS "t"
  GROUP BY
    "t"."_unit"
) AS "agg_elderly_facility"
  ON "agg_elderly_facility"."_unit" = "u"."code"
WHERE
  "u"."level" = 3 OR "u"."code" = :org
ORDER BY
  "u"."code" COLLATE BINARY
