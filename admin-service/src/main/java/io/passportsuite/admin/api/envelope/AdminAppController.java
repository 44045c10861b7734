package io.passportsuite.admin.api.envelope;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.admin.apps.BrowsingApps;
import io.passportsuite.admin.apps.ChangingAppSettings;
import io.passportsuite.admin.apps.CreatingApp;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.passport.AppPage;
import io.passportsuite.admin.passport.PassportApp;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.SettingsChanged;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.Envelope;
import tools.jackson.databind.JsonNode;

/**
 * The apps (tenants) passport serves: {@code GET /admin/apps}, {@code POST /admin/apps},
 * {@code GET /admin/apps/:appId} and {@code PATCH /admin/apps/:appId} (settings). Every failure is
 * {@code ADMIN_OPERATION_FAILED}: 400 for a bad field, 404 for an unknown app, 409 for a taken id.
 */
@RestController
class AdminAppController {

    private static final Set<String> CREATION_FIELDS = creationFields();

    private final BrowsingApps browsing;
    private final CreatingApp creating;
    private final ChangingAppSettings changing;

    AdminAppController(BrowsingApps browsing, CreatingApp creating, ChangingAppSettings changing) {
        this.browsing = browsing;
        this.creating = creating;
        this.changing = changing;
    }

    @GetMapping("/admin/apps")
    Envelope<AppList> list(@RequestParam(required = false) String limit, @RequestParam(required = false) String offset) {
        Paging paging = Paging.of(limit, offset, AppRefusals.FAILS_AS);
        return switch (browsing.page(paging.limit(), paging.offset())) {
            case PassportReply.Answered<AppPage>(AppPage page) ->
                    Envelope.ok(new AppList(page.apps(), page.limit(), page.offset(), page.total()), "应用列表获取成功");
            case PassportReply<AppPage> failed -> throw AppRefusals.of(failed);
        };
    }

    /** {@code app_id} and {@code name} are required; settings left out take passport's defaults. */
    @PostMapping("/admin/apps")
    ResponseEntity<Envelope<Map<String, PassportApp>>> create(Caller caller, @RequestBody(required = false) JsonNode json) {
        JsonNode body = Bodies.object(json, AppRefusals.FAILS_AS);
        String appId = Bodies.requiredText(body, "app_id", AppRefusals.FAILS_AS, "请输入 app_id");
        if (!AppRefusals.validAppId(appId)) {
            throw new Refusal(AppRefusals.FAILS_AS, 400, "app_id 须为 1-64 个小写字母、数字、'_' 或 '-',以字母或数字开头");
        }
        Bodies.requiredText(body, "name", AppRefusals.FAILS_AS, "请输入应用名称");
        return switch (creating.create(actorOf(caller), appId, AppBodies.settings(body, CREATION_FIELDS))) {
            case PassportReply.Answered<PassportApp>(PassportApp app) ->
                    ResponseEntity.status(HttpStatus.CREATED).body(Envelope.ok(Map.of("app", app), "应用创建成功"));
            case PassportReply<PassportApp> failed -> throw AppRefusals.of(failed);
        };
    }

    @GetMapping("/admin/apps/{appId}")
    Envelope<Map<String, PassportApp>> get(@PathVariable String appId) {
        return switch (browsing.one(AppRefusals.appIdOf(appId))) {
            case PassportReply.Answered<PassportApp>(PassportApp app) -> Envelope.ok(Map.of("app", app), "应用信息获取成功");
            case PassportReply<PassportApp> failed -> throw AppRefusals.of(failed);
        };
    }

    /** Only the fields sent change; the answer shows the settings before and after. */
    @PatchMapping("/admin/apps/{appId}")
    Envelope<SettingsChanged> change(Caller caller, @PathVariable String appId, @RequestBody(required = false) JsonNode json) {
        String app = AppRefusals.appIdOf(appId);
        JsonNode body = Bodies.object(json, AppRefusals.FAILS_AS);
        if (body.isEmpty()) {
            throw new Refusal(AppRefusals.FAILS_AS, 400, "请至少提供一项要修改的设置");
        }
        return switch (changing.change(actorOf(caller), app, AppBodies.settings(body, AppBodies.CHANGES))) {
            case PassportReply.Answered<SettingsChanged>(SettingsChanged changed) -> Envelope.ok(changed, "应用设置已更新");
            case PassportReply<SettingsChanged> failed -> throw AppRefusals.of(failed);
        };
    }

    static Actor actorOf(Caller caller) {
        return new Actor(caller.userId(), caller.clientIp(), caller.requestId());
    }

    private static Set<String> creationFields() {
        Set<String> fields = new HashSet<>(AppBodies.SETTINGS);
        fields.add("app_id");
        return Set.copyOf(fields);
    }

    /** Like the user list: the page, and {@code total} for a pager. */
    record AppList(List<PassportApp> apps, int limit, long offset, long total) {
    }
}
