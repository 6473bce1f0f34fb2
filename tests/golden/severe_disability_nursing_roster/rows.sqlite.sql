-- parameters: period, org
/* rows: paid */
SELECT
  "_src"."org",
  "c"."row_key",
  CASE
    WHEN "c"."name" IS NULL
    THEN NULL
    WHEN LENGTH("c"."name") > 1
    THEN SUBSTR("c"."name", 1, 1) || REPLACE(HEX(ZEROBLOB(LENGTH("c"."name") - 1)), '00', '*')
    ELSE REPLACE(HEX(ZEROBLOB(LENGTH("c"."name"))), '00', '*')
  END,
  CASE
    WHEN "c"."id_card" IS NULL
    THEN NULL
    WHEN LENGTH("c"."id_card") > 10
    THEN (
      SUBSTR("c"."id_card", 1, 6) || REPLACE(HEX(ZEROBLOB(LENGTH("c"."id_card") - 10)), '00', '*')
    ) || SUBSTR("c"."id_card", LENGTH("c"."id_card") - 3)
    ELSE REPLACE(HEX(ZEROBLOB(LENGTH("c"."id_card"))), '00', '*')
  END,
  "c"."level",
  "c"."cert",
  "c"."subsidy",
  "c"."change",
  "c"."change_reason"
FROM "fk_disabled_persons_ledger_v1" AS "_src"
JOIN "fk_disabled_persons_ledger_v1__severe" AS "c"
  ON "c"."submission_id" = "_src"."submission_id"
WHERE
  (
    (
      "_src"."period" = CAST(:period AS TEXT)
      AND "_src"."state" IN ('submitted', 'approved')
    )
    AND "_src"."org" = :org
  )
  AND (
    FORMKIT_CMP("c"."subsidy", '0') > 0
  )
ORDER BY
  "_src"."org",
  "c"."row_no"
