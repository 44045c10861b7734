package io.passportsuite.admin.asset;

import org.springframework.cloud.openfeign.FeignClient;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asset-service's internal API, the part the back office calls. Found through discovery
 * ({@code asset-service}) unless {@code asset.service.url} names an address. The body goes as the
 * JSON object asset-service reads (camelCase), which checks it itself. The app id is checked
 * before it gets here: Feign does not encode a '/' in a path segment.
 */
@FeignClient(name = "asset-service", url = "${asset.service.url:}", configuration = AssetClientConfiguration.class)
interface AssetApi {

    @RequestLine("GET /internal/apps/{appId}/settings")
    AssetSettings settings(@Param("appId") String appId);

    @RequestLine("PUT /internal/apps/{appId}/settings")
    @Headers("Content-Type: application/json")
    AssetSettingsChange putSettings(@Param("appId") String appId, ObjectNode settings);
}
