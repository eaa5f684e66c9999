-- The floor: the nightly figures as plain SELECT statements written independently of placements/reports.py,
-- into temporary tables. bench/recompute.py times them, checks that they equal what the application
-- published (row for row), and reports the ratio application ÷ floor.
-- Parameters (psql-style, substituted by bench/recompute.py): :today (date), :y1 and :y2 (the two years).

-- Quota realisation per region × corporation × year.
CREATE TEMP TABLE floor_quota AS
WITH placed AS (
    SELECT m.region_id, d.corporation_id, p.status, p.moved_in_on,
           (p.proposed_at AT TIME ZONE 'Europe/Amsterdam')::date AS proposed_on
    FROM placements_placement p
    JOIN placements_dwelling d ON d.id = p.dwelling_id
    JOIN regions_neighbourhood n ON n.id = d.neighbourhood_id
    JOIN regions_municipality m ON m.id = n.municipality_id
), per_year AS (
    SELECT a.id, a.region_id, a.corporation_id, a.year, a.quota, a.approaching_share,
           make_date(a.year + 1, 1, 1) - make_date(a.year, 1, 1) AS yd,
           LEAST(GREATEST(:'today'::date - make_date(a.year, 1, 1) + 1, 0), make_date(a.year + 1, 1, 1) - make_date(a.year, 1, 1)) AS ed
    FROM regions_agreement a WHERE a.year IN (:y1, :y2)
), counted AS (
    SELECT y.id,
           count(*) FILTER (WHERE p.moved_in_on >= make_date(y.year, 1, 1) AND p.moved_in_on < make_date(y.year + 1, 1, 1)
                                  AND p.moved_in_on <= :'today'::date) AS realised,
           -- Every open proposal made by the year's as-of day, whatever year it was made in (docs/figures.md).
           count(*) FILTER (WHERE p.status IN ('proposed', 'accepted')
                                  AND p.proposed_on <= LEAST(:'today'::date, make_date(y.year, 12, 31))) AS in_progress
    FROM per_year y LEFT JOIN placed p ON p.region_id = y.region_id AND p.corporation_id = y.corporation_id
    GROUP BY y.id
), unused AS (
    SELECT y.id, count(d.id) AS n
    FROM per_year y
    LEFT JOIN (placements_dwelling d
               JOIN regions_neighbourhood n ON n.id = d.neighbourhood_id
               JOIN regions_municipality m ON m.id = n.municipality_id)
      ON m.region_id = y.region_id AND d.corporation_id = y.corporation_id AND d.status = 'reserved'
     AND d.reserved_on <= LEAST(:'today'::date, make_date(y.year, 12, 31))
    GROUP BY y.id
)
SELECT y.region_id, y.corporation_id, y.year, y.quota, c.realised, c.in_progress, u.n AS reserved_unused,
       round(y.quota * y.ed::numeric / y.yd, 1) AS pro_rata_target,
       CASE WHEN c.realised >= y.quota * y.ed::numeric / y.yd THEN 'on_track'
            WHEN c.realised >= y.approaching_share * y.quota * y.ed::numeric / y.yd THEN 'approaching'
            ELSE 'behind' END AS status,
       round(c.realised * y.yd::numeric / GREATEST(y.ed, 31), 1) AS projection
FROM per_year y JOIN counted c USING (id) JOIN unused u USING (id);

-- Placements per neighbourhood × year, with the rate per 1,000 social-rent homes.
CREATE TEMP TABLE floor_dispersion AS
SELECT n.id AS neighbourhood_id, y.year,
       count(p.id) AS placements,
       CASE WHEN n.social_rent_stock > 0 THEN round(count(p.id) * 1000.0 / n.social_rent_stock, 2) END AS rate
FROM regions_neighbourhood n
CROSS JOIN (VALUES (:y1), (:y2)) AS y(year)
LEFT JOIN placements_dwelling d ON d.neighbourhood_id = n.id
LEFT JOIN placements_placement p ON p.dwelling_id = d.id AND p.status NOT IN ('declined', 'cancelled')
     AND EXTRACT(YEAR FROM COALESCE(p.moved_in_on, (p.proposed_at AT TIME ZONE 'Europe/Amsterdam')::date)) = y.year
GROUP BY n.id, n.social_rent_stock, y.year;

-- Flow per region × month: newly ready, housed with median, and waiting at month end as a running balance
-- (clients ready so far minus clients who left so far, by first move-in or closing), with window sums.
CREATE TEMP TABLE floor_flow AS
WITH months AS (
    SELECT r.id AS region_id, g::date AS month, LEAST((g + interval '1 month - 1 day')::date, :'today'::date) AS last_day
    FROM regions_region r,
         generate_series(make_date(:y1, 1, 1), date_trunc('month', :'today'::date), interval '1 month') AS g
), exits AS (
    SELECT c.id, c.region_id, c.ready_on, LEAST(min(p.moved_in_on), c.closed_on) AS left_on
    FROM placements_outflowcase c LEFT JOIN placements_placement p ON p.case_id = c.id AND p.moved_in_on IS NOT NULL
    GROUP BY c.id
), movement AS (
    SELECT region_id, date_trunc('month', ready_on)::date AS month, 1 AS delta, ready_on AS day FROM exits
    UNION ALL
    SELECT region_id, date_trunc('month', left_on)::date, -1, left_on FROM exits WHERE left_on IS NOT NULL
), per_month AS (
    SELECT mo.region_id, mo.month,
           coalesce(sum(mv.delta) FILTER (WHERE mv.day <= mo.last_day), 0) AS change
    FROM months mo LEFT JOIN movement mv ON mv.region_id = mo.region_id AND mv.month = mo.month
    GROUP BY mo.region_id, mo.month
), before AS (
    SELECT region_id, sum(delta) AS balance FROM movement WHERE day < make_date(:y1, 1, 1) GROUP BY region_id
), housed AS (
    SELECT c.region_id, date_trunc('month', p.moved_in_on)::date AS month, count(*) AS housed,
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY p.moved_in_on - c.ready_on)::numeric, 1) AS median_days
    FROM placements_placement p JOIN placements_outflowcase c ON c.id = p.case_id
    WHERE p.moved_in_on >= make_date(:y1, 1, 1) AND p.moved_in_on <= :'today'::date
    GROUP BY 1, 2
), ready AS (
    SELECT region_id, date_trunc('month', ready_on)::date AS month, count(*) AS newly_ready
    FROM placements_outflowcase WHERE ready_on >= make_date(:y1, 1, 1) GROUP BY 1, 2
)
SELECT pm.region_id, pm.month, coalesce(r.newly_ready, 0) AS newly_ready, coalesce(h.housed, 0) AS housed,
       h.median_days,
       coalesce(b.balance, 0) + sum(pm.change) OVER (PARTITION BY pm.region_id ORDER BY pm.month) AS waiting_end
FROM per_month pm
LEFT JOIN before b ON b.region_id = pm.region_id
LEFT JOIN housed h ON h.region_id = pm.region_id AND h.month = pm.month
LEFT JOIN ready r ON r.region_id = pm.region_id AND r.month = pm.month;

-- Buildings: placements per building and year, and active placements now.
CREATE TEMP TABLE floor_buildings AS
SELECT d.corporation_id, d.building_code, d.neighbourhood_id, y.year,
       count(*) FILTER (WHERE EXTRACT(YEAR FROM COALESCE(p.moved_in_on, (p.proposed_at AT TIME ZONE 'Europe/Amsterdam')::date)) = y.year) AS placements,
       count(*) FILTER (WHERE p.status IN ('proposed', 'accepted', 'moved_in')) AS active
FROM placements_placement p
JOIN placements_dwelling d ON d.id = p.dwelling_id
CROSS JOIN (VALUES (:y1), (:y2)) AS y(year)
WHERE d.building_code <> '' AND p.status NOT IN ('declined', 'cancelled')
GROUP BY 1, 2, 3, 4;

-- The need forecast's inputs per region (docs/figures.md, "Need forecast"), as of :today: the waiting list now,
-- move-ins in the 12 months before the as-of month (the pace), the relapse counts of the 24-month window, and the
-- inflow per origin and month over that window. Per client's first ready date and first move-in: the synthetic data
-- has no reopened clients, on which the application counts per episode.
CREATE TEMP TABLE floor_forecast AS
WITH bounds AS (
    SELECT date_trunc('month', :'today'::date)::date AS month_start,
           (date_trunc('month', :'today'::date) - interval '24 months')::date AS window_start,
           (date_trunc('month', :'today'::date) - interval '12 months')::date AS year_ago
), first_move AS (
    SELECT case_id, min(moved_in_on) AS moved_in_on FROM placements_placement
    WHERE moved_in_on IS NOT NULL AND moved_in_on <= :'today'::date GROUP BY case_id
), waiting AS (
    SELECT c.region_id, count(*) AS waiting_now
    FROM placements_outflowcase c LEFT JOIN first_move f ON f.case_id = c.id
    WHERE c.ready_on <= :'today'::date AND (f.moved_in_on IS NULL) AND (c.closed_on IS NULL OR c.closed_on > :'today'::date)
    GROUP BY c.region_id
), housing AS (
    SELECT c.region_id,
           count(*) FILTER (WHERE p.moved_in_on >= b.year_ago) AS housed_12,
           count(*) FILTER (WHERE p.moved_in_on <= :'today'::date - 365) AS closed_365,
           count(*) FILTER (WHERE p.moved_in_on <= :'today'::date - 365 AND p.status = 'relapsed'
                              AND p.ended_on - p.moved_in_on <= 365) AS relapsed_365
    FROM placements_placement p JOIN placements_outflowcase c ON c.id = p.case_id CROSS JOIN bounds b
    WHERE p.moved_in_on >= b.window_start AND p.moved_in_on < b.month_start
    GROUP BY c.region_id
)
SELECT r.id AS region_id, coalesce(w.waiting_now, 0) AS waiting_now,
       round(coalesce(h.housed_12, 0) / 12.0, 2) AS pace, h.closed_365, h.relapsed_365
FROM regions_region r LEFT JOIN waiting w ON w.region_id = r.id LEFT JOIN housing h ON h.region_id = r.id;

CREATE TEMP TABLE floor_forecast_inflow AS
SELECT c.region_id, c.origin, date_trunc('month', c.ready_on)::date AS month, count(*) AS n
FROM placements_outflowcase c
WHERE c.ready_on >= (date_trunc('month', :'today'::date) - interval '24 months')::date
  AND c.ready_on < date_trunc('month', :'today'::date)::date
GROUP BY 1, 2, 3;
