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
  "t"."category" AS "category",
  "t"."household_size" AS "household_size",
  "t"."monthly_amount" AS "monthly_amount",
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
    "t"."status" COLLATE BINARY = 'active'
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
  "t"."id" COLLATE BINARY
