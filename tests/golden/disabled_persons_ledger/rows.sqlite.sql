-- parameters: period_end, org
/* rows: severe */
WITH "_scope" AS (
  SELECT
    "c"."descendant" AS "code",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = :org AND "c"."ancestor_level" = 4
)
SELECT
  "t"."id" AS "_key",
  CASE
    WHEN "t"."name" IS NULL
    THEN NULL
    WHEN LENGTH("t"."name") > 1
    THEN SUBSTR("t"."name", 1, 1) || REPLACE(HEX(ZEROBLOB(LENGTH("t"."name") - 1)), '00', '*')
    ELSE REPLACE(HEX(ZEROBLOB(LENGTH("t"."name"))), '00', '*')
  END AS "name",
  CASE
    WHEN "t"."id_card" IS NULL
    THEN NULL
    WHEN LENGTH("t"."id_card") > 10
    THEN (
      SUBSTR("t"."id_card", 1, 6) || REPLACE(HEX(ZEROBLOB(LENGTH("t"."id_card") - 10)), '00', '*')
    ) || SUBSTR("t"."id_card", LENGTH("t"."id_card") - 3)
    ELSE REPLACE(HEX(ZEROBLOB(LENGTH("t"."id_card"))), '00', '*')
  END AS "id_card",
  "t"."sex" AS "sex",
  CAST(SUBSTR(:period_end, 1, 4) AS INTEGER) - CAST(SUBSTR("t"."birth_date", 1, 4) AS INTEGER) - CASE
    WHEN (
      CAST(SUBSTR(:period_end, 6, 2) AS INTEGER) * 100 + CAST(SUBSTR(:period_end, 9, 2) AS INTEGER)
    ) < (
      CAST(SUBSTR("t"."birth_date", 6, 2) AS INTEGER) * 100 + CAST(SUBSTR("t"."birth_date", 9, 2) AS INTEGER)
    )
    THEN 1
    ELSE 0
  END AS "age",
  "t"."disability_type" AS "kind",
  "t"."disability_level" AS "level",
  "t"."disability_cert_status" AS "cert",
  "t"."household_econ" AS "econ",
  CASE
    WHEN "t"."phone" IS NULL
    THEN NULL
    WHEN LENGTH("t"."phone") > 5
    THEN (
      SUBSTR("t"."phone", 1, 3) || REPLACE(HEX(ZEROBLOB(LENGTH("t"."phone") - 5)), '00', '*')
    ) || SUBSTR("t"."phone", LENGTH("t"."phone") - 1)
    ELSE REPLACE(HEX(ZEROBLOB(LENGTH("t"."phone"))), '00', '*')
  END AS "phone",
  "t"."nursing_subsidy_paid" AS "last_subsidy"
FROM "person" AS "t"
JOIN "_scope"
  ON "t"."community_code" = "_scope"."code"
WHERE
  "t"."disability_level" IN (1, 2)
ORDER BY
  "t"."id" COLLATE BINARY;

/* rows: poor */
WITH "_scope" AS (
  SELECT
    "c"."descendant" AS "code",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = :org AND "c"."ancestor_level" = 4
)
SELECT
  "t"."id" AS "_key",
  CASE
    WHEN "t"."name" IS NULL
    THEN NULL
    WHEN LENGTH("t"."name") > 1
    THEN SUBSTR("t"."name", 1, 1) || REPLACE(HEX(ZEROBLOB(LENGTH("t"."name") - 1)), '00', '*')
    ELSE REPLACE(HEX(ZEROBLOB(LENGTH("t"."name"))), '00', '*')
  END AS "name",
  CASE
    WHEN "t"."id_card" IS NULL
    THEN NULL
    WHEN LENGTH("t"."id_card") > 10
    THEN (
      SUBSTR("t"."id_card", 1, 6) || REPLACE(HEX(ZEROBLOB(LENGTH("t"."id_card") - 10)), '00', '*')
    ) || SUBSTR("t"."id_card", LENGTH("t"."id_card") - 3)
    ELSE REPLACE(HEX(ZEROBLOB(LENGTH("t"."id_card"))), '00', '*')
  END AS "id_card",
  "t"."disability_type" AS "kind",
  "t"."disability_level" AS "level",
  "t"."disability_cert_status" AS "cert",
  "t"."household_econ" AS "econ",
  "t"."living_subsidy_paid" AS "last_subsidy"
FROM "person" AS "t"
JOIN "_scope"
  ON "t"."community_code" = "_scope"."code"
WHERE
  (
    NOT "t"."disability_level" IS NULL
  )
  AND (
    "t"."household_econ" COLLATE BINARY IN ('dibao', 'dibian')
  )
ORDER BY
  "t"."id" COLLATE BINARY
