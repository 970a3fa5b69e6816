"""The Textual app: the app and its navigation (`app`), screens (`screens`), one widget per module
(`widgets`), bindings, palette, typed messages and the workers that call the core. It talks to the
core only through a `Backend`, from thread workers, and may import the core's shared modules and
its plain domain objects, never boto3, httpx or the AWS backend (`ecr_tui.core.aws`)."""
