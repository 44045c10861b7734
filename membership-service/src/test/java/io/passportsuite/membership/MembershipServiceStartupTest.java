package io.passportsuite.membership;

import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.ServiceStartupContract;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class MembershipServiceStartupTest extends ServiceStartupContract {

    @Override
    protected List<String> ownedTables() {
        return List.of("membership", "tier", "capability_override", "invite", "redemption", "ignored_invite_code");
    }
}
