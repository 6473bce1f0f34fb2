-- parameters: org
/* rows: sentinel */
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
    THEN SUBSTR("t"."name", 1, 1) || LPAD('', LENGTH("t"."name") - 1, '*')
    ELSE LPAD('', LENGTH("t"."name"), '*')
  END AS "name",
  CASE
    WHEN "t"."id_card" IS NULL
    THEN NULL
    WHEN LENGTH("t"."id_card") > 10
    THEN (
      SUBSTR("t"."id_card", 1, 6) || LPAD('', LENGTH("t"."id_card") - 10, '*')
    ) || SUBSTR("t"."id_card", LENGTH("t"."id_card") - 3)
    ELSE LPAD('', LENGTH("t"."id_card"), '*')
  END AS "id_card",
  "t"."category" AS "category",
  CAST("t"."household_size" AS DECIMAL(38, 10)) AS "household_size",
  CAST("t"."monthly_amount" AS DECIMAL(38, 10)) AS "monthly_amount",
  "t"."start_date" AS "start_date",
  "t"."death_date" AS "death_date",
  "t"."marriage_event" AS "marriage_event",
  "t"."marriage_date" AS "marriage_date",
  "t"."moved_out_date" AS "moved_out_date",
  "t"."moved_to" AS "moved_to"
FROM "assistance_recipient" AS "t"
JOIN "_scope"
  ON "t"."community_code" = "_scope"."code"
WHERE
  (
    "t"."status" = 'active'
  )
  AND (
    (
      (
        NOT "t"."death_date" IS NULL
      )
      OR (
        "t"."marriage_date" > "t"."start_date"
      )
    )
    OR (
      "t"."moved_out_date" > "t"."start_date"
    )
  )
ORDER BY
  "t"."id"
