package io.passportsuite.admin;

import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.ServiceStartupContract;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AdminServiceStartupTest extends ServiceStartupContract {

    @Override
    protected List<String> ownedTables() {
        return List.of("admin_audit_log");
    }
}
