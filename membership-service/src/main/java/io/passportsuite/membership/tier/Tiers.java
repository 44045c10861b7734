package io.passportsuite.membership.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The tiers of an app: its own when it has any, else the template app's. */
@Component
public class Tiers {

    /** What a user holds when nothing else applies: level 0, no capabilities. */
    public static final Tier NONE = new Tier("free", 0, List.of(), 0);

    private final JdbcClient jdbc;
    private final TierSettings settings;

    Tiers(JdbcClient jdbc, TierSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Lowest level first. */
    public List<Tier> of(String appId) {
        return jdbc.sql("""
                SELECT name, level, capabilities, monthly_invite_quota FROM tier
                WHERE app_id = CASE WHEN EXISTS (SELECT 1 FROM tier WHERE app_id = :app) THEN :app ELSE :template END
                ORDER BY level
                """)
                .param("app", appId)
                .param("template", settings.templateAppId())
                .query(Tiers::tier)
                .list();
    }

    public Optional<Tier> named(String appId, String name) {
        return of(appId).stream().filter(tier -> tier.name().equals(name)).findFirst();
    }

    /** The lowest tier: what a user without a membership, or with an ended one, has. */
    public Tier lowest(String appId) {
        return of(appId).stream().findFirst().orElse(NONE);
    }

    /** The lowest tier above the lowest: what a member's own invites give. */
    public Optional<Tier> firstPaid(String appId) {
        return of(appId).stream().skip(1).findFirst();
    }

    public String templateAppId() {
        return settings.templateAppId();
    }

    /** Serialises changes of tiers (rare, an operator's) until the transaction ends. */
    public void lockForChange() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('tiers', 0))").query((rs, n) -> 1).single();
    }

    public boolean hasOwn(String appId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tier WHERE app_id = :app)").param("app", appId).query(Boolean.class).single();
    }

    /** Gives the app its own copy of the template app's tiers, which it used until now: nothing changes for its users. */
    public void copyTemplateTo(String appId) {
        jdbc.sql("""
                INSERT INTO tier (app_id, name, level, capabilities, monthly_invite_quota)
                SELECT :app, name, level, capabilities, monthly_invite_quota FROM tier WHERE app_id = :template
                """)
                .param("app", appId).param("template", settings.templateAppId()).update();
    }

    /** Creates or changes the app's own tier; true when it was created. */
    public boolean save(String appId, Tier tier) {
        return jdbc.sql("""
                INSERT INTO tier (app_id, name, level, capabilities, monthly_invite_quota)
                VALUES (:app, :name, :level, :capabilities, :quota)
                ON CONFLICT (app_id, name) DO UPDATE
                    SET level = excluded.level, capabilities = excluded.capabilities,
                        monthly_invite_quota = excluded.monthly_invite_quota, updated_at = now()
                RETURNING (xmax = 0) AS created
                """)
                .param("app", appId).param("name", tier.name()).param("level", tier.level())
                .param("capabilities", tier.capabilities().toArray(String[]::new)).param("quota", tier.monthlyInviteQuota())
                .query(Boolean.class).single();
    }

    private static Tier tier(ResultSet rs, int row) throws SQLException {
        String[] capabilities = (String[]) rs.getArray("capabilities").getArray();
        return new Tier(rs.getString("name"), rs.getInt("level"), Arrays.asList(capabilities), rs.getInt("monthly_invite_quota"));
    }
}
