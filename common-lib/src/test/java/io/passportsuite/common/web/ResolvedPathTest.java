package io.passportsuite.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResolvedPathTest {

    @Test
    void shouldFindTheFirstSegmentHoweverItIsSpelled() {
        for (String path : new String[] {"/internal/apps", "/internal;x/apps", "/%69nternal/apps", "/%2569nternal/apps",
                "//internal/apps", "/a/../internal/apps", "/./internal", "/INTERNAL/apps", "/internal%2Fapps"}) {
            assertThat(ResolvedPath.firstSegmentOf(path).is("internal")).as(path).isTrue();
        }
    }

    @Test
    void shouldNotMistakeOtherPaths() {
        assertThat(ResolvedPath.firstSegmentOf("/internals/apps").is("internal")).isFalse();
        assertThat(ResolvedPath.firstSegmentOf("/api/internal").is("internal")).isFalse();
        assertThat(ResolvedPath.firstSegmentOf("/a+b/x")).isEqualTo(new ResolvedPath.FirstSegment.Named("a+b"));
        assertThat(ResolvedPath.firstSegmentOf("/")).isEqualTo(new ResolvedPath.FirstSegment.Named(""));
        assertThat(ResolvedPath.firstSegmentOf(null)).isEqualTo(new ResolvedPath.FirstSegment.Named(""));
    }

    @Test
    void shouldTellAPathThatCannotBeDecoded() {
        assertThat(ResolvedPath.firstSegmentOf("/%zz/apps")).isInstanceOf(ResolvedPath.FirstSegment.Undecodable.class);
    }
}
