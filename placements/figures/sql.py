"""The figures: quota realisation (per corporation, and per municipality where an agreement is split), dispersion (neighbourhood and building) and flow, computed in the database
with set-based SQL (one INSERT … SELECT per table, no per-row Python, no query per region) and published
atomically (`placements.figures.services`): a run replaces the rows of its scope (regions × years) in one transaction, so a run that fails
halfway leaves the previous figures in place. Definitions are in docs/figures.md, made exact in each statement's comment.

Every statement takes the same parameters: run (FigureRun id), region (id, or NULL for all regions), years
(int[]), today (the as-of date) and tz (the time zone in which a moment becomes a date, Europe/Amsterdam)."""

# Quota realisation per region × corporation × year, for every agreement in scope.
# realised         placements on the corporation's homes in the region with a move-in date in the year (up to
#                  and including `today`, so a run for an earlier date reproduces that day's figures)
# in_progress      placements now proposed or accepted, proposed on or before the year's as-of day (`today`, or
#                  31 December for a past year), whatever year they were proposed in: a proposal stuck since
#                  last December still counts this year
# reserved_unused  the corporation's homes in the region now 'reserved' (not offered, let or withdrawn),
#                  reserved on or before the year's as-of day, whatever year they were reserved in
# in_progress_oldest_days, unused_oldest_days   days from the oldest one's (local) proposal or reservation date to
#                  the year's as-of day; NULL when there are none
# elapsed_share    days of the year up to and including `today` ÷ days in the year, clamped to [0, 1]
# pro_rata_target  quota × elapsed_share; status: on_track when realised ≥ pro-rata, approaching when realised
#                  ≥ the agreement's approaching share × pro-rata, else behind
# projection       realised ÷ elapsed share, but never from less than one month (31 days) of the year, so a
#                  single placement on 2 January does not project to 180 homes
QUOTA_SQL = """
INSERT INTO placements_quotafigure
    (run_id, region_id, corporation_id, year, quota, realised, in_progress, reserved_unused, elapsed_share,
     pro_rata_target, pct_of_quota, pct_of_pro_rata, status, projection, in_progress_oldest_days,
     unused_oldest_days)
WITH home AS (
    SELECT d.id, d.corporation_id, d.status, d.reserved_on, m.region_id
    FROM placements_dwelling d
    JOIN regions_neighbourhood n ON n.id = d.neighbourhood_id
    JOIN regions_municipality m ON m.id = n.municipality_id
    WHERE %(region)s::bigint IS NULL OR m.region_id = %(region)s::bigint
), agreement AS (
    SELECT a.region_id, a.corporation_id, a.year, a.quota, a.approaching_share,
           (make_date(a.year + 1, 1, 1) - make_date(a.year, 1, 1)) AS days_in_year,
           LEAST(make_date(a.year + 1, 1, 1) - make_date(a.year, 1, 1),
                 GREATEST(0, %(today)s::date - make_date(a.year, 1, 1) + 1)) AS days_elapsed
    FROM regions_agreement a
    WHERE a.year = ANY(%(years)s) AND (%(region)s::bigint IS NULL OR a.region_id = %(region)s::bigint)
), realised AS (
    SELECT h.region_id, h.corporation_id, EXTRACT(YEAR FROM p.moved_in_on)::int AS year, count(*) AS n
    FROM placements_placement p JOIN home h ON h.id = p.dwelling_id
    WHERE p.moved_in_on <= %(today)s::date
    GROUP BY 1, 2, 3
), progress AS (
    -- Active ones count in every year in scope whose as-of day they had started by, not only their own year.
    SELECT h.region_id, h.corporation_id, y.year, count(*) AS n,
           max(LEAST(%(today)s::date, make_date(y.year, 12, 31)) - (p.proposed_at AT TIME ZONE %(tz)s)::date) AS oldest
    FROM placements_placement p JOIN home h ON h.id = p.dwelling_id
    JOIN unnest(%(years)s::int[]) AS y(year)
      ON (p.proposed_at AT TIME ZONE %(tz)s)::date <= LEAST(%(today)s::date, make_date(y.year, 12, 31))
    WHERE p.status IN ('proposed', 'accepted')
    GROUP BY 1, 2, 3
), unused AS (
    SELECT h.region_id, h.corporation_id, y.year, count(*) AS n,
           max(LEAST(%(today)s::date, make_date(y.year, 12, 31)) - h.reserved_on) AS oldest
    FROM home h
    JOIN unnest(%(years)s::int[]) AS y(year) ON h.reserved_on <= LEAST(%(today)s::date, make_date(y.year, 12, 31))
    WHERE h.status = 'reserved'
    GROUP BY 1, 2, 3
), figures AS (
    -- Multiply before dividing, so 30 × 61 / 366 is exactly 5 and the status thresholds are exact.
    SELECT a.*, COALESCE(r.n, 0) AS realised, COALESCE(g.n, 0) AS in_progress, COALESCE(u.n, 0) AS unused,
           g.oldest AS progress_oldest, u.oldest AS unused_oldest,
           a.days_elapsed::numeric / a.days_in_year AS elapsed,
           a.quota * a.days_elapsed::numeric / a.days_in_year AS pro_rata
    FROM agreement a
    LEFT JOIN realised r USING (region_id, corporation_id, year)
    LEFT JOIN progress g USING (region_id, corporation_id, year)
    LEFT JOIN unused u USING (region_id, corporation_id, year)
)
SELECT %(run)s, region_id, corporation_id, year, quota, realised, in_progress, unused, round(elapsed, 4),
       round(pro_rata, 1),
       CASE WHEN quota > 0 THEN round(100.0 * realised / quota, 1) END,
       CASE WHEN pro_rata > 0 THEN round(100.0 * realised / pro_rata, 1) END,
       CASE WHEN realised >= pro_rata THEN 'on_track'
            WHEN realised >= approaching_share * pro_rata THEN 'approaching'
            ELSE 'behind' END,
       round(realised * days_in_year::numeric / GREATEST(days_elapsed, 31), 1), progress_oldest, unused_oldest
FROM figures
"""

# Quota realisation per corporation × municipality × year, for every municipality of an agreement's split
# (regions_municipalityquota) in scope; agreements without a split have no rows here.
# quota            the municipality's share of the agreement
# realised         as in QUOTA_SQL, for the corporation's homes in that municipality
# pro_rata_target, pct_of_quota, pct_of_pro_rata, status   as in QUOTA_SQL, from the municipality's share and
#                  the agreement's approaching share
MUNICIPALITY_QUOTA_SQL = """
INSERT INTO placements_municipalityquotafigure
    (run_id, region_id, corporation_id, municipality_id, year, quota, realised, pro_rata_target, pct_of_quota,
     pct_of_pro_rata, status)
WITH split AS (
    SELECT a.region_id, a.corporation_id, a.year, a.approaching_share, s.municipality_id, s.quota,
           (make_date(a.year + 1, 1, 1) - make_date(a.year, 1, 1)) AS days_in_year,
           LEAST(make_date(a.year + 1, 1, 1) - make_date(a.year, 1, 1),
                 GREATEST(0, %(today)s::date - make_date(a.year, 1, 1) + 1)) AS days_elapsed
    FROM regions_agreement a JOIN regions_municipalityquota s ON s.agreement_id = a.id
    WHERE a.year = ANY(%(years)s) AND (%(region)s::bigint IS NULL OR a.region_id = %(region)s::bigint)
), realised AS (
    SELECT d.corporation_id, n.municipality_id, EXTRACT(YEAR FROM p.moved_in_on)::int AS year, count(*) AS n
    FROM placements_placement p
    JOIN placements_dwelling d ON d.id = p.dwelling_id
    JOIN regions_neighbourhood n ON n.id = d.neighbourhood_id
    WHERE p.moved_in_on <= %(today)s::date AND EXTRACT(YEAR FROM p.moved_in_on)::int = ANY(%(years)s)
      AND n.municipality_id IN (SELECT municipality_id FROM split)
    GROUP BY 1, 2, 3
), figures AS (
    SELECT s.*, COALESCE(r.n, 0) AS realised, s.quota * s.days_elapsed::numeric / s.days_in_year AS pro_rata
    FROM split s LEFT JOIN realised r USING (corporation_id, municipality_id, year)
)
SELECT %(run)s, region_id, corporation_id, municipality_id, year, quota, realised, round(pro_rata, 1),
       CASE WHEN quota > 0 THEN round(100.0 * realised / quota, 1) END,
       CASE WHEN pro_rata > 0 THEN round(100.0 * realised / pro_rata, 1) END,
       CASE WHEN realised >= pro_rata THEN 'on_track'
            WHEN realised >= approaching_share * pro_rata THEN 'approaching'
            ELSE 'behind' END
FROM figures
"""

# Placements per neighbourhood × year, for every neighbourhood in scope (also those with none).
# A placement counts in year Y when it was not declined or cancelled and its date falls in Y: the move-in date
# when there is one, else the (local) proposal date — the same rule as placements.matching.dispersion at proposal time.
# rate = placements × 1000 ÷ social-rent stock, NULL without stock (empty or 0). The rule is the region's rule
# for Y, else its standing rule. over: above a limit; approaching: not over, at least one placement, and at
# 80 % or more of a limit.
DISPERSION_SQL = """
INSERT INTO placements_dispersionfigure
    (run_id, region_id, neighbourhood_id, year, placements, stock, rate, limit_count, limit_rate, over, approaching)
WITH hood AS (
    SELECT n.id, n.social_rent_stock AS stock, m.region_id
    FROM regions_neighbourhood n JOIN regions_municipality m ON m.id = n.municipality_id
    WHERE %(region)s::bigint IS NULL OR m.region_id = %(region)s::bigint
), counted AS (
    SELECT d.neighbourhood_id,
           EXTRACT(YEAR FROM COALESCE(p.moved_in_on, (p.proposed_at AT TIME ZONE %(tz)s)::date))::int AS year,
           count(*) AS n
    FROM placements_placement p JOIN placements_dwelling d ON d.id = p.dwelling_id
    WHERE p.status NOT IN ('declined', 'cancelled') AND d.neighbourhood_id IN (SELECT id FROM hood)
    GROUP BY 1, 2
), base AS (
    SELECT h.region_id, h.id AS neighbourhood_id, y.year, COALESCE(c.n, 0) AS placements, h.stock,
           CASE WHEN h.stock > 0 THEN round(COALESCE(c.n, 0) * 1000.0 / h.stock, 2) END AS rate,
           rule.max_new_per_neighbourhood AS limit_count, rule.max_per_thousand_stock AS limit_rate
    FROM hood h
    CROSS JOIN unnest(%(years)s::int[]) AS y(year)
    LEFT JOIN counted c ON c.neighbourhood_id = h.id AND c.year = y.year
    LEFT JOIN LATERAL (
        SELECT r.max_new_per_neighbourhood, r.max_per_thousand_stock
        FROM regions_dispersionrule r
        WHERE r.region_id = h.region_id AND (r.year = y.year OR r.year IS NULL)
        ORDER BY r.year DESC NULLS LAST LIMIT 1
    ) rule ON true
), flagged AS (
    SELECT *, (placements > limit_count) IS TRUE OR (rate > limit_rate) IS TRUE AS over FROM base
)
SELECT %(run)s, region_id, neighbourhood_id, year, placements, stock, rate, limit_count, limit_rate, over,
       NOT over AND placements > 0
           AND ((placements >= 0.8 * limit_count) IS TRUE OR (rate >= 0.8 * limit_rate) IS TRUE)
FROM flagged
"""

# Per building (*complex*: corporation + building code, within one neighbourhood) × year, for the buildings with
# placements counted in that year (as above) and, in the current year, those with active placements now
# (proposed, accepted or moved in), against the rule's maximum per building; over when above it.
BUILDING_SQL = """
INSERT INTO placements_buildingfigure
    (run_id, region_id, corporation_id, building_code, neighbourhood_id, year, placements, active, limit_active, over)
WITH placed AS (
    SELECT m.region_id, d.corporation_id, d.building_code, d.neighbourhood_id, p.status,
           EXTRACT(YEAR FROM COALESCE(p.moved_in_on, (p.proposed_at AT TIME ZONE %(tz)s)::date))::int AS year
    FROM placements_placement p
    JOIN placements_dwelling d ON d.id = p.dwelling_id
    JOIN regions_neighbourhood n ON n.id = d.neighbourhood_id
    JOIN regions_municipality m ON m.id = n.municipality_id
    WHERE d.building_code <> '' AND p.status NOT IN ('declined', 'cancelled')
      AND (%(region)s::bigint IS NULL OR m.region_id = %(region)s::bigint)
), counted AS (
    SELECT b.region_id, b.corporation_id, b.building_code, b.neighbourhood_id, y.year,
           count(*) FILTER (WHERE b.year = y.year) AS placements,
           count(*) FILTER (WHERE b.status IN ('proposed', 'accepted', 'moved_in')) AS active
    FROM placed b CROSS JOIN unnest(%(years)s::int[]) AS y(year)
    GROUP BY 1, 2, 3, 4, 5
)
SELECT %(run)s, c.region_id, c.corporation_id, c.building_code, c.neighbourhood_id, c.year, c.placements,
       c.active, rule.max_active_per_building, (c.active > rule.max_active_per_building) IS TRUE
FROM counted c
LEFT JOIN LATERAL (
    SELECT r.max_active_per_building FROM regions_dispersionrule r
    WHERE r.region_id = c.region_id AND (r.year = c.year OR r.year IS NULL)
    ORDER BY r.year DESC NULLS LAST LIMIT 1
) rule ON true
-- A building is listed for a year when it had placements in that year, or (for the current year) has active ones.
WHERE c.placements > 0 OR (c.active > 0 AND c.year = EXTRACT(YEAR FROM %(today)s::date))
"""

# Flow per region × month, for every month of the years in scope up to the month of `today`, counted per episode.
# episode       a client's time from a ready date to leaving: the earlier episodes (placements_caseepisode: closed,
#               then reopened) and the current one (the client's row), in order. An episode starts on its ready
#               date, but never before the previous episode's reopening (the reopening date, or a later ready date
#               given since, starts the new one); it owns the placements moved in from the previous reopening up to
#               (not including) its own. It ends when the client first moves in during it, or at its closing date.
# newly_ready   episodes that start in the month (a reopened client is ready again in the month of reopening)
# housed        placements with a move-in date in the month (clients of the region); median_days and p90_days:
#               percentile_cont of (move-in date − start of the placement's episode) over them
# waiting_end   episodes started on or before the month's end (or `today` in the current month) that had not
#               ended by then; the wait_* buckets split them by days since the episode's start: < 7 days, 7–30
#               days, 31–91 days, 92–182 days, ≥ 183 days. Closed months are never waiting, and a later reopening
#               does not change a past month (the closed episode keeps its closing date).
# relapse_N     of the month's move-ins, those that ended in relapse within N days of moving in (ended_on is the
#               relapse date, also for a relapse recorded after aftercare ended)
FLOW_SQL = """
INSERT INTO placements_flowfigure
    (run_id, region_id, month, newly_ready, waiting_end, housed, median_days, p90_days, wait_lt_week,
     wait_week_month, wait_1_3_months, wait_3_6_months, wait_gt_6_months, relapse_180, relapse_365, relapse_730)
WITH months AS (
    SELECT r.id AS region_id, gs::date AS month,
           LEAST((gs + interval '1 month' - interval '1 day')::date, %(today)s::date) AS month_end
    FROM regions_region r
    CROSS JOIN generate_series(
        make_date((SELECT min(y) FROM unnest(%(years)s::int[]) AS t(y)), 1, 1),
        date_trunc('month', %(today)s::date), interval '1 month') AS gs
    WHERE EXTRACT(YEAR FROM gs)::int = ANY(%(years)s)
      AND (%(region)s::bigint IS NULL OR r.id = %(region)s::bigint)
), client AS (
    SELECT c.id, c.region_id, c.ready_on, c.closed_on FROM placements_outflowcase c
    WHERE %(region)s::bigint IS NULL OR c.region_id = %(region)s::bigint
), episode_row AS (
    SELECT e.case_id, c.region_id, e.ready_on, e.closed_on, e.reopened_on
    FROM placements_caseepisode e JOIN client c ON c.id = e.case_id
    UNION ALL
    SELECT c.id, c.region_id, c.ready_on, c.closed_on, NULL FROM client c
), episode AS (
    -- from_on / until_on: the move-ins this episode owns are on or after from_on and before until_on (NULL: open).
    SELECT case_id, row_number() OVER w AS number, region_id,
           GREATEST(ready_on, lag(reopened_on) OVER w) AS started_on, closed_on,
           lag(reopened_on) OVER w AS from_on, reopened_on AS until_on
    FROM episode_row
    WINDOW w AS (PARTITION BY case_id ORDER BY reopened_on NULLS LAST)
), placed AS (
    -- Each move-in with the start of the episode it belongs to.
    SELECT e.region_id, e.case_id, e.number, e.started_on, p.moved_in_on, p.status, p.ended_on
    FROM placements_placement p
    JOIN episode e ON e.case_id = p.case_id
     AND (e.from_on IS NULL OR p.moved_in_on >= e.from_on) AND (e.until_on IS NULL OR p.moved_in_on < e.until_on)
    WHERE p.moved_in_on IS NOT NULL AND p.case_id IN (SELECT id FROM client)
), still_there AS (
    -- Episodes that had not ended (first move-in or closing) before the first month in scope: only they can wait.
    SELECT e.region_id, e.started_on, LEAST(min(pl.moved_in_on), e.closed_on) AS left_on
    FROM episode e
    LEFT JOIN placed pl ON pl.case_id = e.case_id AND pl.number = e.number
    GROUP BY e.case_id, e.number, e.region_id, e.started_on, e.closed_on
    HAVING LEAST(min(pl.moved_in_on), e.closed_on) IS NULL
        OR LEAST(min(pl.moved_in_on), e.closed_on) >= (SELECT min(month) FROM months)
), ready AS (
    SELECT region_id, date_trunc('month', started_on)::date AS month, count(*) AS n FROM episode GROUP BY 1, 2
), housed AS (
    SELECT region_id, date_trunc('month', moved_in_on)::date AS month, count(*) AS n,
           -- A move before the ready date (only with the coordinator's reason) counts as 0 days of waiting.
           percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(moved_in_on - started_on, 0)) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY GREATEST(moved_in_on - started_on, 0)) AS p90,
           count(*) FILTER (WHERE status = 'relapsed' AND ended_on - moved_in_on <= 180) AS r180,
           count(*) FILTER (WHERE status = 'relapsed' AND ended_on - moved_in_on <= 365) AS r365,
           count(*) FILTER (WHERE status = 'relapsed' AND ended_on - moved_in_on <= 730) AS r730
    FROM placed
    WHERE moved_in_on <= %(today)s::date
    GROUP BY 1, 2
), waiting AS (
    SELECT m.region_id, m.month, count(*) AS n,
           count(*) FILTER (WHERE m.month_end - c.started_on < 7) AS lt_week,
           count(*) FILTER (WHERE m.month_end - c.started_on BETWEEN 7 AND 30) AS week_month,
           count(*) FILTER (WHERE m.month_end - c.started_on BETWEEN 31 AND 91) AS m1_3,
           count(*) FILTER (WHERE m.month_end - c.started_on BETWEEN 92 AND 182) AS m3_6,
           count(*) FILTER (WHERE m.month_end - c.started_on >= 183) AS gt_6
    FROM months m
    JOIN still_there c ON c.region_id = m.region_id AND c.started_on <= m.month_end
    WHERE c.left_on IS NULL OR c.left_on > m.month_end
    GROUP BY 1, 2
)
SELECT %(run)s, m.region_id, m.month, COALESCE(rd.n, 0), COALESCE(w.n, 0), COALESCE(h.n, 0),
       round(h.median::numeric, 1), round(h.p90::numeric, 1),
       COALESCE(w.lt_week, 0), COALESCE(w.week_month, 0), COALESCE(w.m1_3, 0), COALESCE(w.m3_6, 0),
       COALESCE(w.gt_6, 0), COALESCE(h.r180, 0), COALESCE(h.r365, 0), COALESCE(h.r730, 0)
FROM months m
LEFT JOIN ready rd ON rd.region_id = m.region_id AND rd.month = m.month
LEFT JOIN housed h ON h.region_id = m.region_id AND h.month = m.month
LEFT JOIN waiting w ON w.region_id = m.region_id AND w.month = m.month
"""
