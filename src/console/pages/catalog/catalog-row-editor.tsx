import type { SyntheticEvent } from 'react';
import type { Catalog, Product, Vendor } from '../../api/types';
import { useText } from '../../i18n/use-text';
import { formText } from '../../lib/form-text';

const clean = (form: FormData, fields: readonly string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const value = formText(form, f).trim();
    if (value !== '') out[f] = value;
  }
  return out;
};

/** Add a vendor or a product, or edit one by typing its id (the same id replaces it). */
export function CatalogRowEditor({ catalog, onChange }: { catalog: Catalog; onChange: (catalog: Catalog) => void }) {
  const { t } = useText();
  const addVendor = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const vendor = clean(new FormData(event.currentTarget), ['id', 'name', 'stall', 'market', 'category', 'phone']) as unknown as Vendor;
    onChange({ ...catalog, vendors: [...catalog.vendors.filter((v) => v.id !== vendor.id), vendor] });
    event.currentTarget.reset();
  };
  const addProduct = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const row = clean(new FormData(event.currentTarget), ['id', 'vendorId', 'name', 'price', 'unit']);
    const product = { ...row, ...(row.price === undefined ? {} : { price: Number(row.price) }) } as unknown as Product;
    onChange({ ...catalog, products: [...catalog.products.filter((p) => p.id !== product.id), product] });
    event.currentTarget.reset();
  };
  return (
    <div className="catalog-editor">
      <datalist id="vendor-ids">{catalog.vendors.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}</datalist>
      <form className="inline-form" onSubmit={addVendor} aria-labelledby="add-vendor-title">
        <h2 id="add-vendor-title">{t('addVendor')}</h2>
        <label>{t('id')}<input name="id" required pattern="[a-z0-9_-]{1,64}" list="vendor-ids" /></label>
        <label>{t('name')}<input name="name" required /></label>
        <label>{t('stall')}<input name="stall" /></label>
        <label>{t('market')}<input name="market" /></label>
        <label>{t('category')}<input name="category" /></label>
        <label>{t('phone')}<input name="phone" type="tel" /></label>
        <button type="submit">{t('addVendor')}</button>
      </form>
      <form className="inline-form" onSubmit={addProduct} aria-labelledby="add-product-title">
        <h2 id="add-product-title">{t('addProduct')}</h2>
        <label>{t('id')}<input name="id" required pattern="[a-z0-9_-]{1,64}" /></label>
        <label>{t('vendor')}<select name="vendorId" required>{catalog.vendors.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}</select></label>
        <label>{t('name')}<input name="name" required /></label>
        <label>{t('price')}<input name="price" type="number" min={0} step={1000} /></label>
        <label>{t('unit')}<input name="unit" /></label>
        <button type="submit">{t('addProduct')}</button>
      </form>
    </div>
  );
}
