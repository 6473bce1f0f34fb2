-- parameters: org
WITH "_scope" AS (
  SELECT
    "c"."descendant" AS "code",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = :org AND "c"."ancestor_level" = 3
)
SELECT
  (
    SELECT
      "r"."ancestor_level"
    FROM "fk_org__org_unit" AS "r"
    WHERE
      "r"."ancestor" = :org AND "r"."depth" = 0
  ) AS "_level",
  "agg_elderly_facility"."a1" AS "inst_count",
  "agg_elderly_facility"."a2" AS "inst_public",
  "agg_elderly_facility"."a3" AS "inst_medical",
  "agg_elderly_facility"."a4" AS "beds",
  "agg_elderly_facility"."a5" AS "nursing_beds",
  "agg_elderly_facility"."a6" AS "occupied",
  "agg_elderly_facility"."a7" AS "avg_beds",
  "agg_elderly_facility"."a8" AS "daycare_count",
  "agg_elderly_facility"."a9" AS "daycare_capacity",
  "agg_elderly_facility"."a10" AS "meal_count",
  "agg_elderly_facility"."a11" AS "meal_capacity",
  "agg_elderly_facility"."a12" AS "center_count",
  "agg_elderly_facility"."a13" AS "staff_total",
  "agg_elderly_facility"."a14" AS "nurses",
  "agg_elderly_facility"."a15" AS "certified"
FROM (
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
    ) AS "a15"
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
      ) AS "_h3"
    FROM "elderly_facility" AS "t"
    JOIN "_scope"
      ON "t"."community_code" = "_scope"."code"
  ) AS "t"
) AS "agg_elderly_facility"
