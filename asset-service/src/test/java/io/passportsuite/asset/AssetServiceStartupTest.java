package io.passportsuite.asset;

import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.ServiceStartupContract;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AssetServiceStartupTest extends ServiceStartupContract {

    @Override
    protected List<String> ownedTables() {
        return List.of("asset_file", "asset_avatar_reference", "asset_orphaned_file");
    }
}
