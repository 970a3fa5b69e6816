"""Every key binding, as data with ids: the footer, the help screen and the palette read these."""

from __future__ import annotations

from textual.binding import Binding

APP_BINDINGS: list[Binding] = [
    Binding("question_mark", "help", "Help", id="help"),
    Binding("l", "login", "Log in", id="login"),
    Binding("c", "copy_password", "Copy password", id="copy-password"),
    Binding("v", "reveal_password", "Reveal password", show=False, id="reveal-password"),
    Binding("colon", "jump", "Jump", id="jump"),
    Binding("F", "fleet", "Fleet: every account and region", id="fleet"),
    Binding("f", "find", "Find across the fleet", id="find"),
    Binding("D", "doctor", "Why can't it pull?", show=False, id="doctor"),
    Binding("q", "quit", "Quit", id="quit"),
]

MAIN_BINDINGS: list[Binding] = [
    Binding("enter", "open", "Open", id="open-repository"),
    Binding("slash", "filter", "Filter", id="filter-repositories"),
    Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-repository-filter"),
    Binding("y", "copy_uri", "Copy URI", id="copy-repository-uri"),
    Binding("r", "refresh", "Refresh", id="refresh-repositories"),
    Binding("asterisk", "toggle_favourite", "Favourite", id="toggle-favourite"),
    Binding("p", "focus_profiles", "Profiles", id="focus-profiles"),
    Binding("g", "focus_regions", "Regions", id="focus-regions"),
    Binding("t", "focus_tokens", "Tokens", id="focus-tokens"),
    Binding("u", "pull_through", "Pull-through cache", id="pull-through-rules"),
    Binding("s", "app.sso_login", "SSO login (aws sso login)", show=False, id="sso-login"),
    Binding("N", "sort('name')", "Sort by name", show=False, id="sort-repositories-name"),
    Binding("A", "sort('created')", "Sort by created", show=False, id="sort-repositories-created"),
]

TAGS_BINDINGS: list[Binding] = [
    Binding("escape", "back", "Back", id="back"),
    Binding("slash", "filter", "Filter", id="filter-tags"),
    Binding("y", "copy_image_uri", "Copy image URI", id="copy-image-uri"),
    Binding("Y", "copy_digest_uri", "Copy digest URI", id="copy-digest-uri"),
    Binding("d", "copy_pull", "Copy docker pull", id="copy-pull-command"),
    Binding("r", "refresh", "Refresh", id="refresh-tags"),
    Binding("N", "sort('name')", "Sort by name", show=False, id="sort-tags-name"),
    Binding("V", "sort('semver')", "Sort by semver", show=False, id="sort-tags-semver"),
    Binding("S", "sort('size')", "Sort by size", show=False, id="sort-tags-size"),
    Binding("A", "sort('pushed')", "Sort by pushed", show=False, id="sort-tags-pushed"),
    Binding("i", "toggle('grouped')", "Images/tags", id="toggle-images"),
    Binding("u", "toggle('untagged')", "Untagged", show=False, id="toggle-untagged"),
    Binding("a", "toggle('artifacts')", "Digest tags", show=False, id="toggle-digest-tags"),
    Binding("1", "tab('overview')", "Overview tab", show=False, id="tab-overview"),
    Binding("2", "tab('layers')", "Layers tab", show=False, id="tab-layers"),
    Binding("3", "tab('config')", "Config tab", show=False, id="tab-config"),
    Binding("4", "tab('referrers')", "Referrers tab", show=False, id="tab-referrers"),
    Binding("5", "tab('scan')", "Scan tab", show=False, id="tab-scan"),
    Binding("6", "tab('used-by')", "Used by tab (what runs the image)", show=False,
            id="tab-used-by"),
    Binding("f", "filter_findings", "Filter findings", show=False, id="filter-findings"),
    Binding("L", "lifecycle", "Lifecycle", id="lifecycle"),
    Binding("T", "write_tag", "Tag this image (write)", show=False, id="write-tag"),
    Binding("U", "write_untag", "Untag (write)", show=False, id="write-untag"),
    Binding("X", "write_delete", "Delete the image (write)", show=False, id="write-delete"),
    # Looking is not pulling (issue 19): these two read manifests, which ECR counts as pulls.
    Binding("enter", "open_image", "Open image (a pull in ECR)", show=False, id="open-image"),
    Binding("m", "read_platforms", "Platforms of the visible images (pulls in ECR)", show=False,
            id="read-platforms"),
    Binding("P", "sort('pulled')", "Sort by last pulled", show=False, id="sort-tags-pulled"),
    Binding("C", "write_copy", "Copy the image to another pair (write)", show=False,
            id="write-copy"),
    # A pull-through cache's tag against its upstream: one anonymous HEAD there, never a GET.
    Binding("M", "upstream_moved", "Upstream moved? (cached tag vs upstream)", show=False,
            id="upstream-moved"),
]

TAG_LIST_BINDINGS: list[Binding] = [
    Binding("up,k", "cursor(-1)", "Up", show=False, id="tag-cursor-up"),
    Binding("down,j", "cursor(1)", "Down", show=False, id="tag-cursor-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="tag-page-up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="tag-page-down"),
    Binding("home", "jump(0)", "First tag", show=False, id="tag-first"),
    Binding("end", "jump(-1)", "Last tag", show=False, id="tag-last"),
]

REPO_TABLE_BINDINGS: list[Binding] = [
    Binding("enter", "select", "Open", show=False, id="repo-open"),
    Binding("up,k", "cursor(-1)", "Up", show=False, id="repo-cursor-up"),
    Binding("down,j", "cursor(1)", "Down", show=False, id="repo-cursor-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="repo-page-up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="repo-page-down"),
    Binding("home", "jump(0)", "First repository", show=False, id="repo-first"),
    Binding("end", "jump(-1)", "Last repository", show=False, id="repo-last"),
]

ROW_TABLE_BINDINGS: list[Binding] = [
    Binding("home", "scroll_top", "First row", show=False, id="row-first"),
    Binding("end", "scroll_bottom", "Last row", show=False, id="row-last"),
]
"""The fleet, find and tokens tables: home/end go to the first/last row, not sideways."""

FLEET_BINDINGS: list[Binding] = [
    Binding("escape", "back", "Back", id="fleet-back"),
    Binding("enter", "open_pair", "Use this pair", id="fleet-open"),
    Binding("space", "mark", "Mark", id="fleet-mark"),
    Binding("L", "login_marked", "Log in marked", id="fleet-login-marked"),
    Binding("W", "save_set", "Save marked as login set", id="fleet-save-set"),
    Binding("slash", "filter", "Filter", id="fleet-filter"),
    Binding("h", "toggle_empty", "Hide/show empty", id="fleet-hide-empty"),
    Binding("o", "sort", "Sort", id="fleet-sort"),
    Binding("r", "refresh", "List accounts again", id="fleet-refresh"),
]

FIND_BINDINGS: list[Binding] = [
    Binding("escape", "back", "Back", id="find-back"),
    Binding("enter", "open_hit", "Open", show=False, id="find-open"),
]

MODAL_BINDINGS: list[Binding] = [
    Binding("escape,q,question_mark", "close", "Close", id="close-dialog"),
]

DOCTOR_BINDINGS: list[Binding] = [
    Binding("escape", "back", "Back", id="doctor-back"),
    Binding("enter", "open_line", "Go where the line points", show=False, id="doctor-open"),
]

RULES_BINDINGS: list[Binding] = [
    Binding("escape", "back", "Back", id="rules-back"),
    Binding("i", "app.pull_uri", "Pull URI for an image", id="pull-uri"),
    Binding("r", "refresh", "Refresh", id="refresh-rules"),
]

LIFECYCLE_BINDINGS: list[Binding] = [
    Binding("escape", "back", "Back", id="lifecycle-back"),
    Binding("r", "refresh", "Read and scan again", id="refresh-lifecycle"),
]

REVEAL_BINDINGS: list[Binding] = [
    Binding("space", "reveal", "Reveal", id="reveal"),
    Binding("escape", "close", "Close", id="close-reveal"),
]

JUMP_BINDINGS: list[Binding] = [
    Binding("escape", "close", "Close", id="close-jump"),
    Binding("down", "move(1)", "Next match", show=False, id="jump-next"),
    Binding("up", "move(-1)", "Previous match", show=False, id="jump-previous"),
]

_OUTSIDE_SHARED = frozenset({
    "back", "filter-tags", "copy-image-uri", "copy-pull-command", "refresh-tags",
    "sort-tags-name", "sort-tags-semver", "tab-overview", "tab-layers", "tab-config",
    "tab-referrers", "tab-scan",
})
OUTSIDE_TAGS_BINDINGS: list[Binding] = [
    # Looking is not pulling: only enter reads a manifest of a registry outside ECR.
    Binding("enter", "open_image", "Read the image (its manifest)", id="outside-open-image"),
    *(b for b in TAGS_BINDINGS if b.id in _OUTSIDE_SHARED),
]
"""The tags of a repository outside ECR (`:` or find with public.ecr.aws/…, ghcr.io/…), read
anonymously: the tags screen's keys that apply to tag names alone, same ids."""
PUBLIC_BINDINGS: list[Binding] = [
    Binding("escape", "back", "Back", id="public-back"),
    # The app's `l` id: on this screen it logs in to public.ecr.aws, and a remap moves both.
    Binding("l", "login_public", "Log in to public.ecr.aws", id="login"),
    Binding("y", "copy_uri", "Copy URI", id="copy-public-uri"),
    Binding("r", "refresh", "Refresh", id="refresh-public"),
]
"""The Public place (ECR Public): enter on a repository shows its tags."""

KEY_SCOPES: dict[str, list[Binding]] = {
    "Repositories": APP_BINDINGS + MAIN_BINDINGS + REPO_TABLE_BINDINGS,
    "Tags": APP_BINDINGS + TAGS_BINDINGS + TAG_LIST_BINDINGS,
    "Lifecycle": APP_BINDINGS + LIFECYCLE_BINDINGS,
    "Jump": JUMP_BINDINGS,
    "Dialogs": MODAL_BINDINGS,
    "Password dialog": REVEAL_BINDINGS,
    "Tags outside ECR": APP_BINDINGS + OUTSIDE_TAGS_BINDINGS + TAG_LIST_BINDINGS,
    "Public": APP_BINDINGS + PUBLIC_BINDINGS,
}
"""Bindings active together: a key the user gives may clash only within one of these."""

HELP_SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", APP_BINDINGS),
    ("Repositories", MAIN_BINDINGS),
    ("Tags", TAGS_BINDINGS + TAG_LIST_BINDINGS),
    ("Pull-through cache", RULES_BINDINGS),
    ("Lifecycle (L)", LIFECYCLE_BINDINGS),
    ("Fleet", FLEET_BINDINGS),
    ("Find", FIND_BINDINGS),
    ("Why can't it pull? (D)", DOCTOR_BINDINGS),
    ("Fleet, find and tokens tables", ROW_TABLE_BINDINGS),
    ("Public (ECR Public)", PUBLIC_BINDINGS),
    ("Password dialog", REVEAL_BINDINGS),
    ("Jump (:)", JUMP_BINDINGS),
    ("Tags outside ECR (read anonymously)", OUTSIDE_TAGS_BINDINGS),
]
